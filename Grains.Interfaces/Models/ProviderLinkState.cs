namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// A provider's link as applied at one moment: the rates it is shaped to, whether it is up, and the schedule step of
/// its world in force (−1: the world's initial state, or no world). The winner's is recorded with each transaction.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProviderLinkState(
    [property: Id(0)] double ShapedUplink,
    [property: Id(1)] double ShapedDownlink,
    [property: Id(2)] bool Up,
    [property: Id(3)] int Step);
