using Auction.Grains;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Grains.Worlds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Tests.Cluster;

/// <summary>On the wall clock a provider applies its time steps by a timer, at origin + t × time scale of the protocol's clock, with no request to carry them.</summary>
public sealed class WorldWallClockTests : IAsyncLifetime
{
    private const string Json = """
        {"name": "wall", "providers": [
          {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 30, "downlink": 30},
           "schedule": [{"at_s": 100, "shaped": {"uplink": 3, "downlink": 4, "delay_ms": 20, "jitter_ms": 5, "loss_percent": 1}}]},
          {"id": "provider-1", "ask_price": 0.3, "claimed": {"uplink": 25, "downlink": 25}}]}
        """;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingLinkControl _links = new();
    private AuctionTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await AuctionTestCluster.StartAsync(ClusterTopologies.Reference(2), new AuctionClock(_time),
            configureServices: s => s.AddSingleton<ILinkControl>(_links));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_time_step_is_applied_by_the_timer_once_the_protocol_s_clock_reaches_it()
    {
        var origin = ExperimentTime.OriginAt(_time.GetUtcNow());
        // a step at 100 s of experiment time is due 100 ms after the origin at time scale 0.001
        var entry = new WorldEntry(WorldSources.Of("wall", Json, new Dictionary<string, string>()), new ExperimentTime(ExperimentClocks.Wall, origin, 0, 0), 0.001, 1);

        var start = await _cluster.Provider("provider-0").EnterWorld(entry);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        var applied = await _links.WaitForAsync(a => a.ProviderId == "provider-0" && a.Link.Step == 0, TimeSpan.FromSeconds(30));
        var offer = await _cluster.Provider("provider-0").GetOffer(null);

        Assert.Equal(-1, start.Step);
        Assert.NotNull(applied);
        Assert.Equal(new ProviderLinkState(3, 4, true, 0) { DelayMs = 20, JitterMs = 5, LossPercent = 1 }, applied.Value.Link);
        Assert.Equal(new LinkImpairment(20, 5, 1), applied.Value.Impairment);
        Assert.Equal((3, 4), (offer.Endpoint.ShapedUplink, offer.Endpoint.ShapedDownlink));
    }
}
