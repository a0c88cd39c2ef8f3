using Auction.Grains.Network;
using Auction.Grains.Worlds;
using Auction.Tests.Integration.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Lab;

/// <summary>
/// A real provider silo in a lab namespace, started with a world file and an id that does not start with
/// <c>provider-</c>: it shapes its link to its world entry's initial rates before it joins the cluster.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class WorldProviderSiloTests
{
    [RootFact]
    public async Task A_provider_silo_with_a_world_file_shapes_its_link_to_its_entrys_initial_rates()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        using var files = new WorldFiles();
        var file = files.Write("world.json", """
            {"name": "lab-world", "providers": [
              {"id": "cell-a", "ask_price": 0.4, "claimed": {"uplink": 30, "downlink": 30}},
              {"id": "wifi-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 30}, "shaped": {"uplink": 3, "downlink": 7}}
            ]}
            """);
        var initial = WorldReader.Read(file).World!.Providers.Single(p => p.Id == "wifi-1").Initial.Shaped;
        using var certificates = await TestCertificates.MakeAsync("provider:wifi-1");
        // PostgreSQL is never reached: the link is shaped before the silo joins the cluster, which is all this test waits for
        await using var silo = SiloProcess.Start(new Dictionary<string, string>(certificates.SiloEnvironment("wifi-1"))
        {
            ["ConnectionStrings__Auction"] = $"Host={lab.ConsumerAddress};Port=1;Username=auction;Database=auction;Timeout=2",
            ["Auction__Network__Mode"] = "lab",
            ["Auction__Database__Migrate"] = "false",
            ["Auction__Role"] = "provider",
            ["Auction__Provider__Id"] = "wifi-1",
            ["Auction__World__File"] = file,
            ["Auction__Provider__AdvertisedHost"] = provider.Address,
            ["Auction__Provider__RunDirectory"] = lab.RunDirectory,
            ["Auction__Cluster__AdvertisedAddress"] = provider.Address,
            ["Auction__Cluster__GatewayPort"] = "0",
        }, provider.Namespace);

        var shaper = new TcLinkShaper();
        var ns = new NetworkNamespace(provider.Namespace);
        ShapingReadback? readback = null;
        // the silo's log line comes once the whole shaping is in place; the qdiscs alone appear before it is finished
        await Eventually.TrueAsync(() => silo.Output.Contains("Shaped eth0 for wifi-1", StringComparison.Ordinal) || silo.HasExited,
            TimeSpan.FromSeconds(60), "the provider silo to shape its link");
        readback = await shaper.ReadBackAsync(provider.Interface, ns, CancellationToken.None);

        Assert.True(readback is { Uplink: not null, Downlink: not null }, $"the silo exited before shaping: {silo.Output}");
        var plan = TcShapingPlan.Plan(new LinkShape(provider.Interface, ns, initial.Uplink, initial.Downlink), shaper.Hz);
        Assert.Equal(plan.Uplink.RateBytesPerSecond, readback!.Uplink!.RateBytesPerSecond, plan.Uplink.RateBytesPerSecond * 0.01);
        Assert.Equal(plan.Downlink.RateBytesPerSecond, readback.Downlink!.RateBytesPerSecond, plan.Downlink.RateBytesPerSecond * 0.01);
        Assert.Contains("Shaped eth0 for wifi-1: uplink 3 MB/s, downlink 7 MB/s", silo.Output);
    }
}
