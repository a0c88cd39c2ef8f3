using System.Diagnostics;
using Auction.Grains.Telemetry;
using Auction.Silo;
using OpenTelemetry.Trace;

namespace Auction.Tests.Unit.Silo;

/// <summary>What a silo exports of its spans and where to: the requests' spans only, to the traces path.</summary>
public sealed class TraceExportTests
{
    private static SamplingDecision Decide(string name, ActivityContext parent) =>
        new RequestTraceSampler().ShouldSample(new SamplingParameters(parent, ActivityTraceId.CreateRandom(), name, ActivityKind.Internal)).Decision;

    private static ActivityContext Parent(bool recorded) =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), recorded ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true);

    [Fact]
    public void The_auctions_spans_are_kept_even_under_a_span_that_was_not()
    {
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(AuctionTracing.Spans.Purchase, default));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(AuctionTracing.Spans.ProviderScoreExchange, Parent(recorded: false)));
    }

    [Fact]
    public void Other_spans_are_kept_only_inside_a_kept_trace()
    {
        // A provider's beacon from its timer starts no trace; the same call inside a request's trace is kept.
        Assert.Equal(SamplingDecision.Drop, Decide("IProviderGrain/ReceiveBeacon", default));
        Assert.Equal(SamplingDecision.Drop, Decide("IProviderGrain/ReceiveBeacon", Parent(recorded: false)));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide("IProviderGrain/Buy", Parent(recorded: true)));
    }

    [Theory]
    [InlineData("http://collector:4318/v1/metrics", "http://collector:4318/v1/traces")]
    [InlineData("https://collector/otlp/v1/metrics", "https://collector/otlp/v1/traces")]
    [InlineData("http://collector:4317", "http://collector:4317/")]
    [InlineData("http://collector:4318/custom", "http://collector:4318/custom")]
    public void Spans_go_to_the_traces_path_of_an_endpoint_given_with_its_metrics_path(string configured, string expected)
    {
        Assert.Equal(expected, SiloTelemetry.TraceEndpoint(new Uri(configured)).ToString());
    }
}
