using System.Diagnostics;
using Auction.Client.Experiments;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Telemetry;
using Auction.Silo;
using Auction.Tests.Support;
using static Auction.Grains.Telemetry.AuctionTracing;

namespace Auction.Tests.Cluster;

/// <summary>
/// The request's trace on an in-memory cluster, recorded as a silo exports it (<see cref="SiloTelemetry.AddRequestTracing"/>):
/// the client's span, the consumer's phases and the providers' handling share one trace, whose id the record carries.
/// </summary>
public sealed class AuctionTracingTests : IAsyncLifetime
{
    private readonly ActivityRecorder _spans = new();
    private AuctionTestCluster _cluster = null!;
    private string[] _ids = [];

    public async Task InitializeAsync()
    {
        var providers = ClusterTopologies.Reference(4);
        _ids = providers.Select(p => p.Id).ToArray();
        _cluster = await AuctionTestCluster.StartAsync(providers);
    }

    public async Task DisposeAsync()
    {
        _spans.Dispose();
        await _cluster.DisposeAsync();
    }

    private Task<StrategyRun> RunAsync(Guid experimentId, string strategy, int requests) =>
        new ExperimentRunner(_cluster.Client, new RunnerOptions { ExperimentId = experimentId, Providers = _ids, TimeScale = 0 }, SilentRunProgress.Instance)
            .RunAsync(strategy, [.. Enumerable.Range(0, requests).Select(i => new PlannedRequest(i, TimeSpan.Zero, ClusterTopologies.SomeQos()))],
                CancellationToken.None, CancellationToken.None);

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    [Fact]
    public async Task An_auction_request_is_one_trace_from_the_client_through_the_consumer_to_the_providers()
    {
        var experiment = Guid.NewGuid();
        var run = await RunAsync(experiment, Strategies.Auction, 2);

        Assert.Equal(2, run.Records.Count);
        var traceIds = new HashSet<string>();
        foreach (var record in run.Records)
        {
            Assert.NotNull(record.TraceId);
            Assert.True(traceIds.Add(record.TraceId!), "two requests share a trace id");
            var spans = _spans.InTrace(ActivityTraceId.CreateFromString(record.TraceId));

            // The client's span is the root; the consumer's purchase is under it (through Orleans' call span).
            var client = Assert.Single(spans, s => s.OperationName == Spans.ClientRequest);
            Assert.Equal(default, client.ParentSpanId);
            var purchase = Assert.Single(spans, s => s.OperationName == Spans.Purchase);
            Assert.True(IsUnder(purchase, client, spans), "the purchase is not under the client's span");

            // One span per phase, each directly under the purchase, in the protocol's order.
            string[] phases = [Spans.Buy, Spans.Consensus, Spans.Decision, Spans.Flow, Spans.Rating, Spans.TransactionWrite];
            var phaseSpans = phases.Select(name => Assert.Single(spans, s => s.OperationName == name)).ToArray();
            Assert.All(phaseSpans, s => Assert.Equal(purchase.SpanId, s.ParentSpanId));
            Assert.Equal(phaseSpans.Select(s => s.StartTimeUtc).Order(), phaseSpans.Select(s => s.StartTimeUtc));

            // Every provider that answered BUY took it in this trace, under the BUY phase.
            var joined = record.Participants.Except(record.Missing).Order(StringComparer.Ordinal).ToArray();
            var buys = spans.Where(s => s.OperationName == Spans.ProviderBuy).ToArray();
            Assert.Equal(joined, buys.Select(s => Tag(s, Attributes.Provider)).Order(StringComparer.Ordinal));
            Assert.All(buys, s => Assert.True(IsUnder(s, phaseSpans[0], spans), $"{Tag(s, Attributes.Provider)}'s BUY is not under the consumer's"));

            // What a researcher filters on, as the record has it.
            int number = record.Sequence!.Value + 1;
            foreach (var span in new[] { client, purchase })
            {
                Assert.Equal(experiment.ToString(), Tag(span, Attributes.Experiment));
                Assert.Equal(number.ToString(), Tag(span, Attributes.Request));
                Assert.Equal(Strategies.Auction, Tag(span, Attributes.Strategy));
                Assert.Equal(record.Winner, Tag(span, Attributes.Winner));
                Assert.Equal(AuctionMetrics.OutcomeOf(record), Tag(span, Attributes.Outcome));
            }
            Assert.NotNull(record.Winner);
        }
    }

    [Fact]
    public async Task A_baseline_request_asks_the_offers_in_its_trace_and_names_the_missing_providers()
    {
        _cluster.Faults.Silence(_ids[3]);
        try
        {
            var run = await RunAsync(Guid.NewGuid(), Strategies.Naive, 1);

            var record = Assert.Single(run.Records);
            var spans = _spans.InTrace(ActivityTraceId.CreateFromString(record.TraceId));
            var purchase = Assert.Single(spans, s => s.OperationName == Spans.Purchase);
            Assert.Equal(Strategies.Naive, Tag(purchase, Attributes.Strategy));
            Assert.Equal($"{_ids[3]}:{record.MissingReasons[_ids[3]]}", Tag(purchase, Attributes.Missing));
            // A baseline has no consensus phase; its offers stand in for BUY.
            Assert.DoesNotContain(spans, s => s.OperationName == Spans.Consensus);
            var offers = spans.Where(s => s.OperationName == Spans.ProviderOffer).Select(s => Tag(s, Attributes.Provider)).Order(StringComparer.Ordinal);
            Assert.Equal(_ids.Take(3).Order(StringComparer.Ordinal), offers);
        }
        finally
        {
            _cluster.Faults.Restore(_ids[3]);
        }
    }

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> through spans of the trace.</summary>
    private static bool IsUnder(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpanId = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; parent != default; parent = bySpanId.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
            if (parent == ancestor.SpanId) return true;
        return false;
    }
}
