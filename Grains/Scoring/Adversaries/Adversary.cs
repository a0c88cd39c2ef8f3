using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring.Adversaries;

/// <summary>Builds the adversary its settings name.</summary>
public static class Adversary
{
    public static IAdversary Create(AdversarySettings settings, int seed, IEnumerable<string> allies) => settings.Kind switch
    {
        AdversaryKinds.Liar => new LiarAdversary(seed),
        AdversaryKinds.Colluder => new ColluderAdversary(allies),
        AdversaryKinds.OnOff => new OnOffAdversary(seed, settings.HonestTransactions, settings.LyingTransactions),
        _ => throw new ArgumentException(
            $"adversary must be one of {string.Join(", ", AdversaryKinds.All)}, got '{settings.Kind}'.", nameof(settings)),
    };
}
