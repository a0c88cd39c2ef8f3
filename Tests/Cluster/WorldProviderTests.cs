using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Grains.Worlds;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Tests.Cluster;

/// <summary>
/// Providers in a world on the virtual clock: they take their start state, follow their request and time steps (ask,
/// claims, shaped rates, link, behaviour), record the winner's link, and start afresh with each strategy's run.
/// </summary>
public sealed class WorldProviderTests : IAsyncLifetime
{
    // provider-0 changes its offer at request 2, its shaped rates at 10 s and goes down at request 4; provider-2 lies
    // until request 3, when it turns honest and fast
    private const string Json = """
        {"name": "follow", "providers": [
          {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 30, "downlink": 30},
           "shaped": {"uplink": 30, "downlink": 30, "delay_ms": 5}, "signal_strength": 90,
           "schedule": [
             {"at_request": 2, "ask_price": 0.4, "claimed": {"uplink": 20, "downlink": 20}},
             {"at_s": 10, "shaped": {"uplink": 5, "downlink": 6}},
             {"at_request": 4, "link": "down"}]},
          {"id": "provider-1", "ask_price": 0.3, "claimed": {"uplink": 25, "downlink": 25}},
          {"id": "provider-2", "ask_price": 0.1, "claimed": {"uplink": 50, "downlink": 50}, "behaviour": {"kind": "liar"},
           "schedule": [{"at_request": 3, "behaviour": {"kind": "honest"}, "shaped": {"uplink": 40, "downlink": 40}}]}]}
        """;

    private static readonly WorldSource Source = WorldSources.Of("follow", Json, new Dictionary<string, string>());
    private static readonly World World = WorldSources.Parse(Source).World!;
    private static readonly WorldTimeline Timeline = new(World);

    private readonly RecordingLinkControl _links = new();
    private AuctionTestCluster _cluster = null!;
    private string[] _ids = [];
    // Far from the wall clock, so that anything read from the wall clock instead would show.
    private readonly DateTimeOffset _origin = ExperimentTime.OriginAt(DateTimeOffset.UtcNow.AddDays(-1));

    public async Task InitializeAsync()
    {
        var providers = ClusterTopologies.Reference(3);
        _ids = providers.Select(p => p.Id).ToArray();
        _cluster = await AuctionTestCluster.StartAsync(providers, configureConsumer: c => c.SimulationStallBound = TimeSpan.FromSeconds(5),
            configureServices: s => s.AddSingleton<ILinkControl>(_links));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private ExperimentTime At(long elapsedMs, int request, DateTimeOffset? origin = null) =>
        new(ExperimentClocks.Virtual, origin ?? _origin, elapsedMs, request);

    private WorldEntry Entry(DateTimeOffset origin) => new(Source, At(0, 0, origin), TimeScale: 1, Seed: 1);

    private async Task<ProviderLinkState[]> StartRun(DateTimeOffset origin)
    {
        await Task.WhenAll(_ids.Select(id => _cluster.Provider(id).StartVirtualClock(origin, _ids)));
        return await Task.WhenAll(_ids.Select(id => _cluster.Provider(id).EnterWorld(Entry(origin))));
    }

    private Task Advance(ExperimentTime time) => Task.WhenAll(_ids.Select(id => _cluster.Provider(id).AdvanceClock(time)));

    private async Task<TransactionRecord> Purchase(ExperimentTime time, string strategy = Strategies.Auction)
    {
        await Advance(time);
        return await _cluster.Consumer("consumer-world").Purchase(new PurchaseRequest
        {
            ExperimentId = Guid.NewGuid(), Sequence = time.Request, Qos = ClusterTopologies.SomeQos(), Providers = _ids, Time = time, Strategy = strategy,
        });
    }

    /// <summary>The link state the world gives <paramref name="providerId"/> at that time and request.</summary>
    private static ProviderLinkState Expected(string providerId, long timeMs, int request)
    {
        var moment = Timeline.At(providerId, timeMs, request);
        var impairment = moment.State.Impairment;
        return new ProviderLinkState(moment.State.Shaped.Uplink, moment.State.Shaped.Downlink, moment.State.LinkUp, moment.StepIndex)
        {
            DelayMs = impairment?.DelayMs ?? 0, JitterMs = impairment?.JitterMs ?? 0, LossPercent = impairment?.LossPercent ?? 0,
        };
    }

    [Fact]
    public async Task Entering_applies_the_start_state_to_the_link()
    {
        var links = await StartRun(_origin);

        Assert.Equal(_ids.Select(id => Expected(id, 0, 0)), links);
        Assert.Equal(5, links[0].DelayMs);
        var applied = await _links.WaitForAsync(a => a.ProviderId == "provider-0" && a.Link == links[0], TimeSpan.FromSeconds(10));
        Assert.Equal(new LinkImpairment(DelayMs: 5), applied?.Impairment);
    }

    [Fact]
    public async Task A_provider_follows_its_request_steps_and_time_steps_on_the_virtual_clock()
    {
        await StartRun(_origin);
        var moments = new[] { At(1_000, 1), At(2_000, 2), At(10_000, 3) };
        var offers = new List<AdvertisedOffer>();
        foreach (var time in moments)
        {
            await Advance(time);
            offers.Add(await _cluster.Provider("provider-0").GetOffer(time));
        }

        var expected = moments.Select(t => Timeline.At("provider-0", t.ElapsedMs, t.Request).State).ToArray();
        Assert.Equal(expected.Select(s => (s.AskPrice, s.Claimed.Uplink, s.Claimed.Downlink)), offers.Select(o => (o.AskPrice, o.Uplink, o.Downlink)));
        Assert.Equal(expected.Select(s => (s.Shaped.Uplink, s.Shaped.Downlink)), offers.Select(o => (o.Endpoint.ShapedUplink, o.Endpoint.ShapedDownlink)));
        Assert.Equal(moments.Select(t => Expected("provider-0", t.ElapsedMs, t.Request)), offers.Select(o => o.Link));
        Assert.Equal([-1, 0, 1], offers.Select(o => o.Link!.Step));
        // every state went to the link
        Assert.All(offers, o => Assert.Contains(_links.Applied, a => a.ProviderId == "provider-0" && a.Link == o.Link));
    }

    [Fact]
    public async Task The_winner_is_recorded_with_its_link_and_its_flow_runs_at_the_rates_of_its_world()
    {
        await StartRun(_origin);
        var time = At(10_000, 3);

        var record = await Purchase(time);

        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        var link = Expected(record.Winner!, time.ElapsedMs, time.Request);
        Assert.Equal(link, record.WinnerLink);
        Assert.Equal(TimeSpan.FromSeconds(5 / Math.Min(link.ShapedUplink, link.ShapedDownlink)), record.FlowEndedAt - record.FlowStartedAt);
        Assert.Equal((link.ShapedUplink, link.ShapedDownlink), (record.MeasuredUplink, record.MeasuredDownlink));
    }

    [Fact]
    public async Task A_liar_that_turns_honest_sends_honest_messages()
    {
        await StartRun(_origin);

        var lying = await Purchase(At(1_000, 1));
        var honest = await Purchase(At(2_000, 3));

        Assert.Equal(["liar", "honest"], new[] { lying, honest }.Select(r => r.ProviderParameters["provider-2"].Behaviour));
        // an honest provider scores a peer as another honest provider with the same view of it does
        Assert.NotEqual(lying.ScoreVectors["provider-1"]["provider-0"], lying.ScoreVectors["provider-2"]["provider-0"]);
        Assert.Equal(honest.ScoreVectors["provider-1"]["provider-0"], honest.ScoreVectors["provider-2"]["provider-0"]);
    }

    [Fact]
    public async Task A_provider_whose_link_is_down_is_missing_as_down_never_wins_and_beacons_nobody()
    {
        await StartRun(_origin);
        await Advance(At(10_000, 3));

        var auction = await Purchase(At(11_000, 4));
        var naive = await Purchase(At(12_000, 5), Strategies.Naive);
        var row = (await _cluster.Provider("provider-1").GetSnapshot()).Rows["provider-0"];

        Assert.All(new[] { auction, naive }, r =>
        {
            Assert.Equal(MissingReasons.Down, r.MissingReasons["provider-0"]);
            Assert.NotEqual("provider-0", r.Winner);
            Assert.Equal(TransactionOutcome.Completed, r.Outcome);
        });
        // its last beacon went out with the clock's last move before its link went down
        Assert.Equal(_origin.ToUnixTimeMilliseconds() + 10_000, row.LastBeaconMs);
    }

    [Fact]
    public async Task Each_run_starts_from_the_world_s_start_state_whichever_call_comes_first()
    {
        await StartRun(_origin);
        await Advance(At(11_000, 4));
        var down = await Purchase(At(11_000, 4));
        Assert.Equal(MissingReasons.Down, down.MissingReasons["provider-0"]);

        var next = _origin.AddHours(1);
        await StartRun(next);
        var afterStart = await _cluster.Provider("provider-0").GetOffer(At(0, 1, next));
        var other = next.AddHours(1);
        await _cluster.Provider("provider-0").EnterWorld(Entry(other));
        await _cluster.Provider("provider-0").StartVirtualClock(other, _ids);
        var afterEnter = await _cluster.Provider("provider-0").GetOffer(At(0, 1, other));

        var start = World.Providers[0].Initial;
        Assert.All(new[] { afterStart, afterEnter }, offer =>
        {
            Assert.Equal((start.AskPrice, start.Claimed.Uplink), (offer.AskPrice, offer.Uplink));
            Assert.Equal(Expected("provider-0", 0, 1), offer.Link);
        });
    }

    [Fact]
    public async Task A_run_that_enters_no_world_takes_the_catalog_s_configuration_again()
    {
        await StartRun(_origin);
        await Advance(At(2_000, 2));

        var next = _origin.AddHours(2);
        await _cluster.Provider("provider-0").StartVirtualClock(next, _ids);
        var offer = await _cluster.Provider("provider-0").GetOffer(At(2_000, 2, next));

        var catalog = _cluster.Catalog.Find("provider-0")!;
        Assert.Equal((catalog.AskPrice, catalog.ClaimedUplink, catalog.Endpoint), (offer.AskPrice, offer.Uplink, offer.Endpoint));
        Assert.Equal(new ProviderLinkState(catalog.Endpoint.ShapedUplink, catalog.Endpoint.ShapedDownlink, true, -1), offer.Link);
    }

    [Fact]
    public async Task A_provider_not_in_the_world_is_refused_with_its_id_and_the_world_s_name()
    {
        var elsewhere = WorldSources.Of("elsewhere", """
            {"name": "elsewhere", "providers": [
              {"id": "other-a", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}},
              {"id": "other-b", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}}]}
            """, new Dictionary<string, string>());

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Provider("provider-1").EnterWorld(Entry(_origin) with { World = elsewhere }));

        Assert.Contains("provider provider-1 is not in world \"elsewhere\"", e.Message);
    }
}
