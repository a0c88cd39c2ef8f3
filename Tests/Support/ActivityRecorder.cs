using System.Collections.Concurrent;
using System.Diagnostics;

namespace Auction.Tests.Support;

/// <summary>
/// Listens to the named activity sources, records every span in full and keeps each one as it stops. Listeners are
/// process-wide: tests pick their own spans by something only they use (a trace id, an experiment id).
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder(IEnumerable<string> sources)
    {
        var names = sources.ToHashSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans stopped so far.</summary>
    public IReadOnlyList<Activity> Stopped => _stopped.ToArray();

    /// <summary>The spans stopped so far in one trace.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => _stopped.Where(a => a.TraceId == traceId).ToArray();

    public void Dispose() => _listener.Dispose();
}
