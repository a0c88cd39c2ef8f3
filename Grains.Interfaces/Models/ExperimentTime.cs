namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// Where a request stands on its experiment's clock: which clock (<see cref="ExperimentClocks"/>), the wall time at
/// which that clock read 0 (<see cref="Origin"/>), the experiment time in ms since then, and the request's number
/// counted from 1 as users count them (its sequence number + 1; a world's <c>at_request</c> steps use the same count).
/// Every request an experiment fires carries one; the consumer passes it on in the
/// invitation, the naive offer call and the flow, so that providers and links can act on the experiment's time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentTime(
    [property: Id(0)] string Clock,
    [property: Id(1)] DateTimeOffset Origin,
    [property: Id(2)] long ElapsedMs,
    [property: Id(3)] int Request)
{
    /// <summary>True on the simulated mode's virtual clock, which is the protocol's own clock there (uptime, beacons, timestamps).</summary>
    public bool IsVirtual => Clock == ExperimentClocks.Virtual;

    /// <summary>Origin + experiment time: on the virtual clock, the protocol's "now" for this request.</summary>
    public DateTimeOffset At => Origin.AddMilliseconds(ElapsedMs);

    /// <summary><see cref="At"/> in Unix milliseconds, the unit of the providers' beacon times.</summary>
    public long UnixMs => Origin.ToUnixTimeMilliseconds() + ElapsedMs;

    /// <summary>An origin: <paramref name="wallTime"/> cut to the whole millisecond, the grain of experiment time.</summary>
    public static DateTimeOffset OriginAt(DateTimeOffset wallTime) => DateTimeOffset.FromUnixTimeMilliseconds(wallTime.ToUnixTimeMilliseconds());
}

/// <summary>The clocks an experiment's time is read from.</summary>
public static class ExperimentClocks
{
    /// <summary>
    /// The simulated mode: request i is at Σ_{k=1..i} interval_k (the drawn intervals, whatever the time scale), and
    /// the protocol's time stands still while a request runs, so a seeded run replays exactly.
    /// </summary>
    public const string Virtual = "virtual";

    /// <summary>The lab and containers: the wall time since the strategy's run started, divided by the time scale.</summary>
    public const string Wall = "wall";
}
