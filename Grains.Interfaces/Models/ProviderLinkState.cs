namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// A provider's link as applied at one moment: the rates it is shaped to, whether it is up, and the schedule step of
/// its world in force (−1: the world's initial state, or no world). The winner's is recorded with each transaction,
/// with the delay, jitter and loss its world gives the link (0: none), which only the lab and containers apply.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProviderLinkState(
    [property: Id(0)] double ShapedUplink,
    [property: Id(1)] double ShapedDownlink,
    [property: Id(2)] bool Up,
    [property: Id(3)] int Step)
{
    /// <summary>Delay each direction adds, in ms (netem).</summary>
    [Id(4)] public double DelayMs { get; init; }

    /// <summary>Variation of that delay, in ms (netem).</summary>
    [Id(5)] public double JitterMs { get; init; }

    /// <summary>Share of packets each direction drops, in percent (netem).</summary>
    [Id(6)] public double LossPercent { get; init; }
}
