using System.Diagnostics;
using Auction.Grains.Telemetry;
using OpenTelemetry.Trace;

namespace Auction.Silo;

/// <summary>
/// Keeps the spans of requests and drops the rest: every span of the <c>Auction</c> source (named <c>auction.*</c>),
/// and any other span (an Orleans grain call, an Npgsql command) whose parent was kept. The calls the silos make on
/// their own — beacons, heartbeats, membership, the outbox's writes — start no trace of their own.
/// </summary>
/// <remarks>
/// Orleans' call spans must still be created, unrecorded, for a call to carry its caller's trace: a dropped span keeps
/// its context (the SDK returns <see cref="ActivitySamplingResult.PropagationData"/>), so what follows it is dropped too
/// unless it is the auction's.
/// </remarks>
public sealed class RequestTraceSampler : Sampler
{
    /// <summary>The prefix of every span name of <see cref="AuctionTracing.Spans"/>.</summary>
    public const string AuctionSpanPrefix = "auction.";

    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.Name.StartsWith(AuctionSpanPrefix, StringComparison.Ordinal)) return Keep;
        var parent = samplingParameters.ParentContext;
        return parent.TraceId != default && parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? Keep : Drop;
    }
}
