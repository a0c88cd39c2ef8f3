using System.Globalization;
using Auction.Grains.Network;
using Auction.Grains.Placement;
using Auction.Grains.Worlds;
using Auction.Silo;
using Auction.Silo.Configuration;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Silo;

/// <summary>A silo given a world file (<c>Auction:World:File</c>): its providers start from the world's entries, and a world it cannot use is refused at once.</summary>
public sealed class SiloWorldTests : IDisposable
{
    private const string Database = "Host=127.0.0.1;Port=5432;Username=postgres;Database=auction";

    private const string TwoProviders = """
        {
          "name": "two-networks",
          "providers": [
            {"id": "wifi-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 30}, "shaped": {"uplink": 5, "downlink": 6}},
            {"id": "cell-2", "ask_price": 0.5, "claimed": {"uplink": 10, "downlink": 10}, "behaviour": {"kind": "liar"}, "seed": 9}
          ]
        }
        """;

    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static SiloSettings Provider(string id, string worldFile, string mode = SiloPlan.Lab) => new()
    {
        Role = "provider", Network = { Mode = mode }, Tls = { Enabled = false },
        Provider = { Id = id, AdvertisedHost = "10.77.0.11", Iperf3BaseServerPort = 6201, Iperf3ServerCount = 3 },
        World = { File = worldFile, Seed = 42 },
    };

    [Fact]
    public void A_provider_silo_takes_its_world_entrys_initial_state_at_its_own_address()
    {
        var file = _files.Write("world.json", TwoProviders);
        var plan = SiloPlan.From(Provider("wifi-1", file), Database);

        var provider = Assert.Single(plan.Providers);
        var world = WorldReader.Read(file).World!;
        var initial = world.Providers[0].Initial;
        Assert.Equal("wifi-1", provider.Id);
        Assert.Equal(initial.AskPrice, provider.AskPrice);
        Assert.Equal([initial.Claimed.Uplink, initial.Claimed.Downlink], [provider.ClaimedUplink, provider.ClaimedDownlink]);
        Assert.Equal([initial.Shaped.Uplink, initial.Shaped.Downlink], [provider.Endpoint.ShapedUplink, provider.Endpoint.ShapedDownlink]);
        Assert.False(provider.Faulty);
        // a provider without a seed of its own: the world's seed setting · 7919 + its index
        Assert.Equal(42 * 7919 + 0, provider.Seed);
        Assert.Equal(("10.77.0.11", 6201, 3), (provider.Endpoint.Host, provider.Endpoint.BasePort, provider.Endpoint.PortCount));
        Assert.Equal(world.Name, plan.World!.Name);
    }

    [Fact]
    public void The_world_and_not_the_provider_settings_says_what_a_provider_is()
    {
        var file = _files.Write("world.json", TwoProviders);
        var settings = Provider("cell-2", file);
        settings.Provider.Faulty = false;
        settings.Provider.AskPrice = 0.9;

        var provider = Assert.Single(SiloPlan.From(settings, Database).Providers);

        var expected = WorldExpansion.Expand(WorldReader.Read(file).World!, 42)[1];
        Assert.True(provider.Faulty);
        Assert.Equal(expected.AskPrice, provider.AskPrice);
        Assert.Equal(9, provider.Seed);
        Assert.Equal([expected.Endpoint.ShapedUplink, expected.Endpoint.ShapedDownlink], [provider.Endpoint.ShapedUplink, provider.Endpoint.ShapedDownlink]);
    }

    [Fact]
    public void A_provider_id_the_world_does_not_name_is_refused_in_one_sentence()
    {
        var file = _files.Write("world.json", TwoProviders);

        var e = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(Provider("provider-3", file), Database));

        Assert.Equal($"Auction:Provider:Id 'provider-3' is not a provider of the world in Auction:World:File '{file}' (its providers: wifi-1, cell-2).", e.Message);
    }

    [Fact]
    public void A_world_with_problems_is_refused_with_every_problem_naming_the_file_and_the_field()
    {
        var file = _files.Write("bad.json", """
            {"name": "bad", "providers": [
              {"id": "wifi-1", "ask_price": 1.5, "claimed": {"uplink": 20, "downlink": 30}},
              {"id": "wifi-1", "ask_price": 0.5, "claimed": {"uplink": 10, "downlink": -1}}
            ]}
            """);
        var expected = WorldReader.Read(file).Messages.ToArray();

        var e = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(Provider("wifi-1", file), Database));

        Assert.True(expected.Length >= 3, string.Join(" | ", expected));
        Assert.StartsWith("Auction:World:File names a world the silo cannot use: ", e.Message);
        Assert.All(expected, message => Assert.Contains(message, e.Message));
        Assert.Contains("providers[0].ask_price", e.Message);
        Assert.Contains("providers[1].claimed.downlink", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_world_file_is_refused_naming_it()
    {
        var file = Path.Combine(_files.Directory, "absent.json");

        var e = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(Provider("wifi-1", file), Database));

        Assert.Contains(file, e.Message);
        Assert.Equal(WorldReader.Read(file).Messages.Single(), e.Message["Auction:World:File names a world the silo cannot use: ".Length..]);
    }

    [Fact]
    public void A_container_world_must_name_exactly_the_provider_services()
    {
        var ids = Enumerable.Range(0, 3).Select(i => $"provider-{i}").Append("wifi-1").ToArray();
        var file = _files.Write("world.json", WorldOf(ids));
        var settings = Provider("provider-0", file, SiloPlan.Container);
        settings.ReferenceProviders = 4;

        var e = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(settings, Database));

        Assert.Equal($"Auction:World:File '{file}' must name exactly the container deployment's providers provider-0 … provider-3 (one per provider service of compose.yaml), but it lacks provider-3 and names wifi-1.", e.Message);
        // the same world in the lab: any ids
        Assert.Equal("provider-0", SiloPlan.From(Provider("provider-0", file), Database).Providers.Single().Id);
    }

    [Fact]
    public void A_container_world_of_the_services_ids_in_any_order_is_taken()
    {
        var file = _files.Write("world.json", WorldOf(["provider-1", "provider-0"]));
        var settings = Provider("provider-1", file, SiloPlan.Container);
        settings.ReferenceProviders = 2;

        Assert.Equal(0.2, SiloPlan.From(settings, Database).Providers.Single().AskPrice);
    }

    [Fact]
    public void The_all_in_one_silo_hosts_every_provider_of_the_world()
    {
        var file = _files.Write("world.json", TwoProviders);
        var plan = SiloPlan.From(new SiloSettings { World = { File = file, Seed = 5 } }, null);

        Assert.Equal(SiloRoles.All, plan.Role);
        var expected = WorldExpansion.Expand(WorldReader.Read(file).World!, 5);
        Assert.Equal(expected.Select(p => (p.Id, p.AskPrice, p.Faulty, p.Seed)), plan.Providers.Select(p => (p.Id, p.AskPrice, p.Faulty, p.Seed)));
    }

    [Fact]
    public void A_consumer_silo_does_not_read_the_world()
    {
        var plan = SiloPlan.From(new SiloSettings { Role = "consumer", Network = { Mode = "lab" }, Tls = { Enabled = false }, World = { File = "/nonexistent/world.json" } }, Database);

        Assert.Null(plan.World);
        Assert.Empty(plan.Providers);
    }

    [Fact]
    public async Task A_provider_whose_id_does_not_start_with_provider_serves_with_a_certificate_made_for_it()
    {
        using var certificates = await TestCertificates.MakeAsync("provider:wifi-1", "wifi-2");
        var file = _files.Write("world.json", TwoProviders);
        var settings = Provider("wifi-1", file);
        var tls = certificates.SiloEnvironment("wifi-1");
        settings.Tls = new() { CaFile = tls["Auction__Tls__CaFile"], CertificateFile = tls["Auction__Tls__CertificateFile"], KeyFile = tls["Auction__Tls__KeyFile"] };

        var plan = SiloPlan.From(settings, Database);

        Assert.Equal(("provider", "wifi-1"), (plan.Certificates!.MemberRole, plan.Certificates.MemberName));
        // a name given without provider: and not starting with provider- is a client, never a provider
        Assert.Equal("client", certificates.Load("wifi-2").MemberRole);
    }

    [Fact]
    public async Task A_field_asking_for_netem_where_the_probe_finds_none_is_refused_naming_the_file_the_provider_and_the_field()
    {
        const string missing = "tc: the netem qdisc (delay, jitter, loss) is not available in this kernel (CONFIG_NET_SCH_NETEM): Error: Specified qdisc kind is unknown.";
        var probes = 0;
        Task<string?> Probe(CancellationToken _)
        {
            probes++;
            return Task.FromResult<string?>(missing);
        }
        NetemDemand[] demands = [new("providers[1].shaped", null), new("providers[1].schedule[0].shaped", new LinkImpairment(LossPercent: 1)), new("providers[1].schedule[1].shaped", new LinkImpairment(DelayMs: 5))];

        var refusal = await NetemRefusal.CheckAsync("worlds/w.json", "cell-2", demands, Probe, CancellationToken.None);

        Assert.Equal(
            "the world in Auction:World:File 'worlds/w.json' gives provider 'cell-2' delay, jitter or loss at providers[1].schedule[0].shaped, which needs the netem qdisc this machine lacks "
            + "(tc: the netem qdisc (delay, jitter, loss) is not available in this kernel (CONFIG_NET_SCH_NETEM): Error: Specified qdisc kind is unknown); remove those fields from the world or run on a kernel with netem.",
            refusal);
        Assert.Equal(1, probes);
    }

    [Fact]
    public async Task Netem_is_probed_only_for_a_field_that_needs_it_and_a_machine_with_it_passes()
    {
        var probes = 0;
        Func<CancellationToken, Task<string?>> Probe(string? result) => _ =>
        {
            probes++;
            return Task.FromResult(result);
        };

        var none = await NetemRefusal.CheckAsync("w.json", "p", [new("providers[0].shaped", null), new("providers[0].schedule[0].shaped", new LinkImpairment())], Probe("missing"), CancellationToken.None);
        Assert.Null(none);
        Assert.Equal(0, probes);

        var present = await NetemRefusal.CheckAsync("w.json", "p", [new("providers[0].shaped", new LinkImpairment(JitterMs: 2, DelayMs: 10))], Probe(null), CancellationToken.None);
        Assert.Null(present);
        Assert.Equal(1, probes);
    }

    private static string WorldOf(IEnumerable<string> ids)
    {
        var providers = ids.Select((id, i) => string.Create(CultureInfo.InvariantCulture,
            $"{{\"id\": \"{id}\", \"ask_price\": {(i + 2) / 10.0}, \"claimed\": {{\"uplink\": 10, \"downlink\": 10}}}}"));
        return $"{{\"name\": \"ids\", \"providers\": [{string.Join(", ", providers)}]}}";
    }
}
