namespace Auction.Grains.Interfaces.Models;

/// <summary>What moving one flow through a winner's link measured; a failed flow carries the error, never 0 MB/s.</summary>
[GenerateSerializer, Immutable]
public sealed record FlowResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] double UplinkMBps,
    [property: Id(2)] double DownlinkMBps,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset EndedAt,
    [property: Id(5)] bool Simulated,
    [property: Id(6)] string? Error)
{
    public static FlowResult Failed(DateTimeOffset startedAt, DateTimeOffset endedAt, bool simulated, string error) =>
        new(false, double.NaN, double.NaN, startedAt, endedAt, simulated, error);
}
