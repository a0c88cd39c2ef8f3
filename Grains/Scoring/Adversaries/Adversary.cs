using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring.Adversaries;

/// <summary>Builds the adversary its settings name, through the kind's entry in <see cref="AdversaryRegistry"/>.</summary>
public static class Adversary
{
    public static IAdversary Create(AdversarySettings settings, int seed, IEnumerable<string> allies) =>
        AdversaryRegistry.Of(settings).Create(settings, seed, allies);
}
