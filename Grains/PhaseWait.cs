using System.Globalization;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains;

/// <summary>
/// How long a phase of an auction waits for its participants. On the wall clock: the phase deadline, and whoever
/// misses it is left out. On a virtual clock, which stands still while an auction runs, nobody can be late: the phase
/// waits for every participant, up to a real-time bound that only a stalled simulation reaches, and the transaction
/// then fails as stalled rather than going on with a result that would not replay.
/// </summary>
public readonly record struct PhaseWait(TimeSpan Bound, bool Virtual)
{
    /// <summary>The consumer's wait per phase for a request at <paramref name="time"/> (null: outside an experiment, on the wall clock).</summary>
    public static PhaseWait For(ExperimentTime? time, long phaseDeadlineMs, TimeSpan stallBound) =>
        time is { IsVirtual: true } ? new(stallBound, true) : new(TimeSpan.FromMilliseconds(phaseDeadlineMs), false);

    /// <summary>
    /// A provider's wait per phase. On a virtual clock twice the consumer's bound, so that the consumer, which waits
    /// for the outcome of the providers' phases, always gives up first and records the stall.
    /// </summary>
    public static PhaseWait ForProvider(ExperimentTime? time, long phaseDeadlineMs, TimeSpan stallBound) =>
        For(time, phaseDeadlineMs, 2 * stallBound);

    /// <summary>The wait for <paramref name="phases"/> consecutive phases run by others: their deadlines added up, or the one real-time bound.</summary>
    public TimeSpan Spanning(int phases) => Virtual ? Bound : phases * Bound;

    /// <summary>A failure reason for a virtual-clock phase that someone did not finish within the bound.</summary>
    public string Stalled(string what) => string.Create(CultureInfo.InvariantCulture,
        $"the simulation stalled: {what} within {Bound.TotalSeconds:0.###} s of real time");
}
