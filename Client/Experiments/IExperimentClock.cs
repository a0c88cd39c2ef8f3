using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// The clock an experiment's requests are timed on (<see cref="ExperimentClocks"/>): the virtual clock of the
/// simulated mode, or the wall clock of a running cluster. The runner asks it for each request's experiment time and
/// lets it move the cluster's time before the request is fired.
/// </summary>
public interface IExperimentClock
{
    /// <summary><see cref="ExperimentClocks.Virtual"/> or <see cref="ExperimentClocks.Wall"/>.</summary>
    string Kind { get; }

    /// <summary>Before a strategy's first request: readies the providers for a run and returns the wall time of its experiment time 0.</summary>
    Task<DateTimeOffset> StartRunAsync(IReadOnlyList<string> providers);

    /// <summary>
    /// A request's experiment time in ms, given the sum of the drawn intervals up to it (<paramref name="planned"/>), the
    /// wall time since the run started and the run's time scale.
    /// </summary>
    long ElapsedMs(TimeSpan planned, TimeSpan wallElapsed, double timeScale);

    /// <summary>Before the request at <paramref name="time"/> is fired: completes once the providers' time has reached it.</summary>
    Task AdvanceAsync(ExperimentTime time, IReadOnlyList<string> providers);
}
