using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Cluster;

/// <summary>The protocol end to end on an in-memory cluster: faults, concurrency and bad requests.</summary>
public sealed class AuctionProtocolTests : IAsyncLifetime
{
    private const long DeadlineMs = 500;
    private AuctionTestCluster _cluster = null!;
    private string[] _ids = [];

    public async Task InitializeAsync()
    {
        var providers = ClusterTopologies.Reference(4, DeadlineMs);
        _ids = providers.Select(p => p.Id).ToArray();
        _cluster = await AuctionTestCluster.StartAsync(providers);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private PurchaseRequest Request(IReadOnlyList<string>? providers = null, Qos? qos = null) =>
        new() { Qos = qos ?? ClusterTopologies.SomeQos(), Providers = providers ?? _ids };

    [Fact]
    public async Task An_auction_completes_with_every_participant_and_a_rating()
    {
        var request = Request();
        var record = await _cluster.Consumer("c-basic").Purchase(request);

        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        Assert.Equal(request.TransactionId, record.TransactionId);
        Assert.Empty(record.Missing);
        Assert.Equal(_ids.Order(), record.ConsensusVectors.Keys.Order());
        // Each provider scores every peer but never itself, and reaches a consensus on every peer.
        foreach (var (scorer, vector) in record.ScoreVectors)
            Assert.Equal(_ids.Where(i => i != scorer).Order(), vector.Keys.Order());
        Assert.NotNull(record.Winner);
        Assert.Equal(record.FinalScores.MaxBy(kv => kv.Value).Key, record.Winner);
        // Simulated flow: measured = the winner's shaped rate; rating against this request's QoS.
        var winner = _cluster.Catalog.Find(record.Winner!)!;
        Assert.Equal(winner.Endpoint.ShapedUplink, record.MeasuredUplink);
        double expectedRating = (Math.Min(1, winner.Endpoint.ShapedUplink / 25) + Math.Min(1, winner.Endpoint.ShapedDownlink / 25)) / 2;
        Assert.Equal(expectedRating, record.Rating!.Value, 12);
        Assert.True(record.Simulated);
        Assert.Contains(_cluster.Log.Records, r => r.TransactionId == record.TransactionId);
    }

    [Fact]
    public async Task A_decision_only_request_returns_the_winner_and_leaves_no_trace()
    {
        var request = Request() with { DecisionOnly = true };
        var before = await Task.WhenAll(_ids.Select(id => _cluster.Provider(id).GetSnapshot()));
        var record = await _cluster.Consumer("c-decision").Purchase(request);

        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        Assert.Equal(record.FinalScores.MaxBy(kv => kv.Value).Key, record.Winner);
        Assert.NotNull(record.DecidedAt);
        Assert.Null(record.FlowStartedAt);
        Assert.Null(record.Rating);
        Assert.DoesNotContain(_cluster.Log.Records, r => r.TransactionId == request.TransactionId);
        // Nobody heard of a winner. The barrier: a full auction among the others, from the same consumer, until its
        // TRANSACTION_END has reached every peer; the decision-only winner's row still has its old speeds and reputation.
        string decided = record.Winner!;
        var others = _ids.Where(id => id != decided).ToArray();
        var barrier = await _cluster.Consumer("c-decision").Purchase(Request(others));
        Assert.Equal(TransactionOutcome.Completed, barrier.Outcome);
        await Eventually(async () =>
        {
            foreach (string peer in others.Where(id => id != barrier.Winner))
            {
                var row = (await _cluster.Provider(peer).GetSnapshot()).Rows[barrier.Winner!];
                if (row.Uplink != barrier.MeasuredUplink || row.Downlink != barrier.MeasuredDownlink) return false;
            }
            return true;
        }, "the barrier auction's TRANSACTION_END to reach its peers");
        var after = await Task.WhenAll(_ids.Select(id => _cluster.Provider(id).GetSnapshot()));
        for (int i = 0; i < _ids.Length; i++)
            if (before[i].Rows.TryGetValue(decided, out var row))
                Assert.Equal((row.Uplink, row.Downlink, row.Feedback), (after[i].Rows[decided].Uplink, after[i].Rows[decided].Downlink, after[i].Rows[decided].Feedback));
    }

    [Fact]
    public async Task Every_participant_updates_its_row_for_the_winner_after_the_transaction()
    {
        var record = await _cluster.Consumer("c-rows").Purchase(Request());
        string winner = record.Winner!;
        var gamma = 0.8;
        // TRANSACTION_END is one-way: poll (bounded) until the peers have applied it.
        await Eventually(async () =>
        {
            foreach (string peer in _ids.Where(i => i != winner))
            {
                var row = (await _cluster.Provider(peer).GetSnapshot()).Rows[winner];
                if (row.Uplink != record.MeasuredUplink || row.Downlink != record.MeasuredDownlink) return false;
                if (row.Feedback > gamma * record.Rating!.Value + (1 - gamma) * 1 + 1e-12) return false;
            }
            return (await _cluster.Provider(winner).GetSnapshot()).ActiveFlows == 0;
        }, "the peers to record the winner's measured speeds");
    }

    [Fact]
    public async Task An_unresponsive_provider_is_listed_missing_and_the_auction_goes_on_without_it()
    {
        var consumer = _cluster.Consumer("c-silent");
        await consumer.Purchase(Request());
        string silent = _ids[1];
        _cluster.Faults.Silence(silent);
        try
        {
            for (int i = 0; i < 2; i++)
            {
                // Listed missing is the deadline's doing: only an expired phase leaves a participant out.
                var record = await consumer.Purchase(Request());
                Assert.Equal(TransactionOutcome.Completed, record.Outcome);
                Assert.Equal([silent], record.Missing);
                Assert.DoesNotContain(silent, record.ConsensusVectors.Keys);
                Assert.NotEqual(silent, record.Winner);
            }
        }
        finally
        {
            _cluster.Faults.Restore(silent);
        }
    }

    [Fact]
    public async Task A_deactivated_provider_comes_back_with_fresh_rows_and_the_auction_goes_on()
    {
        var consumer = _cluster.Consumer("c-deactivate");
        await consumer.Purchase(Request());
        string target = _ids[2];
        await _cluster.Cluster.DeactivateAsync(_cluster.Provider(target));

        var record = await consumer.Purchase(Request());
        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        // Reactivated by BUY: it took part (or, had its bids been late, was listed missing), never blocked the others.
        Assert.True(record.ConsensusVectors.ContainsKey(target) || record.Missing.Contains(target));
        Assert.True(record.ConsensusVectors.Count >= 3);
    }

    [Fact]
    public async Task Two_consumers_running_twenty_auctions_each_concurrently_keep_their_records_apart()
    {
        var requests = new[] { "c-left", "c-right" }
            .SelectMany(c => Enumerable.Range(0, 20).Select(i => (Consumer: c, Request: Request(qos: ClusterTopologies.SomeQos(uplink: 5 + i, downlink: 30 - i)) with
            {
                // 40 auctions at once on a busy 2-core machine: a generous deadline, so that nobody is left out.
                Parameters = ClusterTopologies.FastParameters(deadlineMs: 10_000),
            })))
            .ToArray();
        var records = await Task.WhenAll(requests.Select(r => _cluster.Consumer(r.Consumer).Purchase(r.Request)));

        Assert.Equal(40, records.Length);
        Assert.Equal(40, records.Select(r => r.TransactionId).Distinct().Count());
        for (int i = 0; i < requests.Length; i++)
        {
            Assert.Equal(TransactionOutcome.Completed, records[i].Outcome);
            Assert.Equal(requests[i].Request.TransactionId, records[i].TransactionId);
            Assert.Equal(requests[i].Consumer, records[i].ConsumerId);
            Assert.Equal(requests[i].Request.Qos, records[i].Qos);
            Assert.Empty(records[i].Missing);
            Assert.Equal(_ids.Length, records[i].ConsensusVectors.Count);
        }
        foreach (var record in records) Assert.Contains(_cluster.Log.Records, r => r.TransactionId == record.TransactionId && r.ConsumerId == record.ConsumerId);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { "negative-uplink", "uplink" },
        { "epsilon-below-1", "epsilon" },
        { "empty-providers", "providers" },
        { "unknown-provider", "providers" },
        { "nan-price", "price" },
        { "unknown-strategy", "strategy" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_rejected_naming_the_field_and_nothing_is_persisted(string kind, string field)
    {
        var qos = ClusterTopologies.SomeQos();
        var request = kind switch
        {
            "negative-uplink" => Request(qos: qos with { Uplink = -1 }),
            "epsilon-below-1" => Request(qos: qos with { Epsilon = 0.5 }),
            "empty-providers" => Request(providers: []),
            "unknown-provider" => Request(providers: [_ids[0], "provider-404"]),
            "nan-price" => Request(qos: qos with { Price = double.NaN }),
            "unknown-strategy" => Request() with { Strategy = "bogus" },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Consumer("c-invalid-" + kind).Purchase(request));
        Assert.StartsWith(field, error.Message);
        Assert.DoesNotContain(_cluster.Log.Records, r => r.TransactionId == request.TransactionId);
    }

    private static Task Eventually(Func<Task<bool>> condition, string what) =>
        Support.Eventually.TrueAsync(condition, TimeSpan.FromSeconds(10), what);
}
