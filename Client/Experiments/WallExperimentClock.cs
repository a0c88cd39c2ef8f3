using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// A running cluster's clock (lab, containers): the providers beacon on their own timers and read the wall clock. A
/// request's experiment time is the wall time since its strategy's run started divided by the time scale; with time
/// scale 0, which says nothing about wall time, the sum of the drawn intervals up to it.
/// </summary>
public sealed class WallExperimentClock(TimeProvider? time = null) : IExperimentClock
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Kind => ExperimentClocks.Wall;

    public Task<DateTimeOffset> StartRunAsync(IReadOnlyList<string> providers) => Task.FromResult(ExperimentTime.OriginAt(_time.GetUtcNow()));

    public long ElapsedMs(TimeSpan planned, TimeSpan wallElapsed, double timeScale) =>
        (long)Math.Round(timeScale > 0 ? wallElapsed.TotalMilliseconds / timeScale : planned.TotalMilliseconds);

    public Task AdvanceAsync(ExperimentTime time, IReadOnlyList<string> providers) => Task.CompletedTask;
}
