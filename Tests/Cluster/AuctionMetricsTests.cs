using Auction.Grains.Interfaces.Models;
using Auction.Grains.Telemetry;
using Auction.Tests.Support;

namespace Auction.Tests.Cluster;

/// <summary>The <c>Auction</c> meter on an in-memory cluster: what it counts agrees with the records the requests left.</summary>
public sealed class AuctionMetricsTests : IAsyncLifetime
{
    private const long DeadlineMs = 500;
    private AuctionTestCluster _cluster = null!;
    private string[] _ids = [];
    private readonly AuctionMeterRecorder _meter = new();

    public async Task InitializeAsync()
    {
        var providers = ClusterTopologies.Reference(4, DeadlineMs);
        _ids = providers.Select(p => p.Id).ToArray();
        _cluster = await AuctionTestCluster.StartAsync(providers);
    }

    public async Task DisposeAsync()
    {
        _meter.Dispose();
        await _cluster.DisposeAsync();
    }

    private PurchaseRequest Request(string strategy = Strategies.Auction, double uplink = 25) =>
        new() { Qos = ClusterTopologies.SomeQos(uplink), Providers = _ids, Strategy = strategy };

    private IReadOnlyList<AuctionMeterRecorder.Measurement> Mine(string instrument, string consumer) =>
        _meter.Of(instrument).Where(m => m.Tag("consumer") == consumer).ToArray();

    [Fact]
    public async Task Transactions_missing_providers_decisions_and_ratios_match_the_records()
    {
        const string consumerId = "c-metrics";
        var consumer = _cluster.Consumer(consumerId);
        var records = new List<TransactionRecord>();
        // Two plain auctions, one naive request, one auction asking for more uplink than any link has.
        records.Add(await consumer.Purchase(Request()));
        records.Add(await consumer.Purchase(Request()));
        records.Add(await consumer.Purchase(Request(Strategies.Naive)));
        records.Add(await consumer.Purchase(Request(uplink: 1000)));
        // One provider silent: it misses two auctions by the deadline. Then three silent: too few answer, no decision.
        _cluster.Faults.Silence(_ids[1]);
        records.Add(await consumer.Purchase(Request()));
        records.Add(await consumer.Purchase(Request()));
        _cluster.Faults.Silence(_ids[2]);
        _cluster.Faults.Silence(_ids[3]);
        records.Add(await consumer.Purchase(Request()));
        foreach (var id in _ids) _cluster.Faults.Restore(id);

        // Every request counted once, under the outcome its record shows.
        var transactions = Mine("auction.transactions", consumerId);
        Assert.Equal(records.Count, transactions.Sum(m => m.Value));
        int completed = records.Count(r => r.Outcome == TransactionOutcome.Completed);
        int undecided = records.Count(r => r.DecidedAt is null);
        Assert.True(completed >= 5 && undecided == 1, $"{completed} completed, {undecided} undecided");
        Assert.Equal(completed, transactions.Where(m => m.Tag("outcome") == AuctionMetrics.Outcomes.Decided).Sum(m => m.Value));
        Assert.Equal(undecided, transactions.Where(m => m.Tag("outcome") == AuctionMetrics.Outcomes.Failed).Sum(m => m.Value));
        Assert.Equal(1, transactions.Where(m => m.Tag("strategy") == Strategies.Naive).Sum(m => m.Value));

        // Missing providers by reason: the silent provider twice, then three of them in the last request.
        var missing = Mine("auction.missing_providers", consumerId);
        var expected = records.SelectMany(r => r.MissingReasons.Values).GroupBy(reason => reason).ToDictionary(g => g.Key, g => (double)g.Count());
        var counted = missing.GroupBy(m => m.Tag("reason")!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(expected.OrderBy(kv => kv.Key), counted.OrderBy(kv => kv.Key));
        Assert.Equal(5, counted.Values.Sum());

        // One decision time per request that reached a decision.
        var decisions = Mine("auction.decision.duration", consumerId);
        Assert.Equal(records.Count(r => r.DecidedAt is not null), decisions.Count);
        Assert.All(decisions, d => Assert.True(d.Value >= 0));

        // Measured over requested throughput, per direction, for every flow that ran.
        var ratios = Mine("auction.flow.throughput_ratio", consumerId);
        var expectedUplink = records.Where(r => r.MeasuredUplink is not null).Select(r => r.MeasuredUplink!.Value / r.Qos.Uplink).Order();
        Assert.Equal(expectedUplink, ratios.Where(m => m.Tag("direction") == "uplink").Select(m => m.Value).Order());
        var expectedDownlink = records.Where(r => r.MeasuredDownlink is not null).Select(r => r.MeasuredDownlink!.Value / r.Qos.Downlink).Order();
        Assert.Equal(expectedDownlink, ratios.Where(m => m.Tag("direction") == "downlink").Select(m => m.Value).Order());
        Assert.Contains(ratios, m => m.Tag("direction") == "uplink" && m.Value < 0.1); // the request for 1000 MB/s up
    }
}
