namespace Auction.Grains.Worlds;

/// <summary>
/// What a provider is at one moment of an experiment: its ask, what it claims, the rates its link is really shaped
/// to, whether the link is up, its signal strength (0..255; null: the experiment's <c>mock_rssi</c>) and how it behaves.
/// </summary>
public sealed record ProviderState(
    double AskPrice,
    LinkRates Claimed,
    LinkRates Shaped,
    bool LinkUp,
    double? SignalStrength,
    Behaviour Behaviour);
