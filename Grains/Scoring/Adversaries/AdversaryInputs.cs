using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring.Adversaries;

/// <summary>What an adversary kind builds its <see cref="IAdversary"/> from: the settings, the provider's seed and its allies.</summary>
public sealed record AdversaryInputs(AdversarySettings Settings, int Seed, IReadOnlyList<string> Allies)
{
    /// <summary>A parameter's value: the one set, or its default.</summary>
    public int this[AdversaryParameter parameter] => parameter.ValueIn(Settings);
}
