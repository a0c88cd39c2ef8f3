using Auction.Grains.Network;

namespace Auction.Grains.Worlds;

/// <summary>
/// What a provider is at one moment of an experiment: its ask, what it claims, the rates its link is really shaped
/// to, whether the link is up, its signal strength (0..255; null: the experiment's <c>mock_rssi</c>) and how it behaves;
/// and what netem adds to its link (<see cref="Impairment"/>).
/// </summary>
public sealed record ProviderState(
    double AskPrice,
    LinkRates Claimed,
    LinkRates Shaped,
    bool LinkUp,
    double? SignalStrength,
    Behaviour Behaviour)
{
    /// <summary>Delay, jitter and loss of its link; null: none. Applied in the lab and containers; the simulated link ignores it.</summary>
    public LinkImpairment? Impairment { get; init; }
}
