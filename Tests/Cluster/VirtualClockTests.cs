using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Cluster;

/// <summary>Providers on a virtual clock: beacons as the clock moves, an auction at its request's experiment time, a fresh start per run, and a stall bound instead of deadlines.</summary>
public sealed class VirtualClockTests : IAsyncLifetime
{
    private static readonly AuctionParameters Parameters = ClusterTopologies.FastParameters(); // a beacon every 200 ms
    // Far from the wall clock, so that anything read from the wall clock instead would show.
    private static readonly DateTimeOffset Origin = ExperimentTime.OriginAt(DateTimeOffset.UtcNow.AddDays(-1));
    private AuctionTestCluster _cluster = null!;
    private string[] _ids = [];

    public async Task InitializeAsync()
    {
        var providers = ClusterTopologies.Reference(3); // provider-2 is a liar
        _ids = providers.Select(p => p.Id).ToArray();
        _cluster = await AuctionTestCluster.StartAsync(providers, configureConsumer: c => c.SimulationStallBound = TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static ExperimentTime At(long elapsedMs, int request = 0, DateTimeOffset? origin = null) =>
        new(ExperimentClocks.Virtual, origin ?? Origin, elapsedMs, request);

    private Task StartRun(DateTimeOffset origin) => Task.WhenAll(_ids.Select(id => _cluster.Provider(id).StartVirtualClock(origin, _ids)));

    private Task Advance(ExperimentTime time) => Task.WhenAll(_ids.Select(id => _cluster.Provider(id).AdvanceClock(time)));

    private Task<TransactionRecord> Purchase(ExperimentTime time) => _cluster.Consumer("consumer-virtual").Purchase(new PurchaseRequest
    {
        ExperimentId = Guid.NewGuid(), Sequence = time.Request, Qos = ClusterTopologies.SomeQos(), Providers = _ids, Time = time,
    });

    [Fact]
    public async Task Beacons_follow_the_clock_and_an_auction_is_scored_and_stamped_at_its_experiment_time()
    {
        await StartRun(Origin);
        var time = At(1_050);
        await Advance(time);

        var rows = (await _cluster.Provider("provider-1").GetSnapshot()).Rows;
        Assert.Equal(Origin.ToUnixTimeMilliseconds(), rows["provider-0"].FirstBeaconMs);
        Assert.Equal(Origin.ToUnixTimeMilliseconds() + 1_000, rows["provider-0"].LastBeaconMs); // beacons at 0, 200, …, 1 000 ms

        var record = await Purchase(time);

        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        Assert.Equal(time, record.Time);
        // provider-1's score of provider-0 as the specification computes it at the experiment time, uptime included
        var row = new PeerScoreRow(Parameters.DefaultPeerUplink, Parameters.DefaultPeerDownlink, Parameters.DefaultPeerLastPrice, Parameters.DefaultPeerFeedback);
        row.RecordBeacons(Origin.ToUnixTimeMilliseconds(), Parameters.BeaconIntervalMs, 6, 0, Parameters.MockRssi, Parameters.BeaconTLimitMs);
        row.RecordBid(_cluster.Catalog.Find("provider-0")!.AskPrice);
        Assert.Equal(FittingnessCalculator.Fittingness(row, ClusterTopologies.SomeQos(), time.UnixMs, Parameters), record.ScoreVectors["provider-1"]["provider-0"]);
        // the clock stands still while the request runs; the flow lasts its simulated time from there
        var winner = _cluster.Catalog.Find(record.Winner!)!.Endpoint;
        Assert.Equal(time.At, record.RequestedAt);
        Assert.Equal(time.At, record.DecidedAt);
        Assert.Equal(time.At, record.FlowStartedAt);
        Assert.Equal(time.At + TimeSpan.FromSeconds(5 / Math.Min(winner.ShapedUplink, winner.ShapedDownlink)), record.FlowEndedAt);
    }

    [Fact]
    public async Task A_new_run_starts_every_provider_afresh()
    {
        await StartRun(Origin);
        await Advance(At(0));
        var record = await Purchase(At(0));
        var learnt = (await _cluster.Provider(_ids.First(id => id != record.Winner)).GetSnapshot()).Rows[record.Winner!];
        Assert.NotEqual(Parameters.DefaultPeerFeedback, learnt.Feedback);

        var next = Origin.AddHours(1);
        await StartRun(next);
        var before = await Task.WhenAll(_ids.Select(id => _cluster.Provider(id).GetSnapshot()));
        await Advance(At(0, origin: next));
        var after = await Task.WhenAll(_ids.Select(id => _cluster.Provider(id).GetSnapshot()));

        Assert.All(before, s => Assert.Empty(s.Rows));
        Assert.All(after.SelectMany(s => s.Rows.Values), r =>
        {
            Assert.Equal(next.ToUnixTimeMilliseconds(), r.FirstBeaconMs);
            Assert.Equal(Parameters.DefaultPeerFeedback, r.Feedback);
            Assert.Equal(Parameters.DefaultPeerUplink, r.Uplink);
        });
        Assert.All(after, s => Assert.Equal(_ids.Length - 1, s.Rows.Count));
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_stalls_the_simulation_instead_of_being_left_out()
    {
        await StartRun(Origin);
        await Advance(At(0));
        _cluster.Faults.Silence("provider-1");

        var record = await Purchase(At(0));

        Assert.Equal(TransactionOutcome.Failed, record.Outcome);
        Assert.Equal("the simulation stalled: 1 of 3 providers did not answer BUY within 1 s of real time", record.FailureReason);
        Assert.Equal(MissingReasons.Late, record.MissingReasons["provider-1"]);
        Assert.Null(record.Winner);
    }
}
