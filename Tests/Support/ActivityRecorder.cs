using System.Collections.Concurrent;
using System.Diagnostics;
using Auction.Silo;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Auction.Tests.Support;

/// <summary>
/// Traces as a silo with an exporter does (<see cref="SiloTelemetry.AddRequestTracing"/>: its sources, its sampler)
/// and keeps every span it would export. The SDK listens process-wide: tests pick their own spans by a trace id.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _exported = new();
    private readonly TracerProvider _provider;

    public ActivityRecorder()
    {
        _provider = SiloTelemetry.AddRequestTracing(Sdk.CreateTracerProviderBuilder())
            .AddProcessor(new Keeper(_exported))
            .Build();
    }

    /// <summary>The spans exported so far in one trace.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => _exported.Where(a => a.TraceId == traceId).ToArray();

    public void Dispose() => _provider.Dispose();

    /// <summary>Keeps each span the sampler recorded as it ends, as an exporter would get it.</summary>
    private sealed class Keeper(ConcurrentQueue<Activity> into) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Recorded) into.Enqueue(data);
        }
    }
}
