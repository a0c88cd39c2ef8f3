using Auction.Grains.Network;

namespace Auction.Silo;

/// <summary>A field of a provider's world entry that gives its link delay, jitter or loss: its path in the world file (<c>providers[2].shaped</c>) and what it gives.</summary>
public sealed record NetemDemand(string Field, LinkImpairment? Impairment)
{
    /// <summary>Whether the field asks for anything netem does (delay, jitter or loss above 0).</summary>
    public bool NeedsNetem => Impairment is { IsNone: false };
}
