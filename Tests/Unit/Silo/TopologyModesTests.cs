using Auction.Grains.Consumers;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Silo.Configuration;
using Microsoft.Extensions.Configuration;

namespace Auction.Tests.Unit.Silo;

/// <summary>One topology function for every mode: a lab, a container deployment and the simulated mode with the same provider count agree.</summary>
public sealed class TopologyModesTests
{
    private const string Database = "Host=127.0.0.1;Port=5432;Username=postgres;Database=auction";

    private sealed record Shape(string Id, double Ask, double ClaimUp, double ClaimDown, double ShapedUp, double ShapedDown, bool Faulty);

    private static Shape ShapeOf(ProviderConfig p) =>
        new(p.Id, p.AskPrice, p.ClaimedUplink, p.ClaimedDownlink, p.Endpoint.ShapedUplink, p.Endpoint.ShapedDownlink, p.Faulty);

    /// <summary>Every provider silo of a real deployment, each configured the way run.sh / compose.yaml configure it.</summary>
    private static Shape[] ProviderSilos(string mode, int count) => Enumerable.Range(0, count)
        .Select(i => SiloPlan.From(new SiloSettings
        {
            Role = "provider", Network = { Mode = mode }, ReferenceProviders = count, Tls = { Enabled = false },
            Provider = { Id = $"provider-{i}", AdvertisedHost = mode == SiloPlan.Container ? $"provider-{i}" : $"10.9.0.{10 + i}" },
        }, Database).Providers.Single())
        .Select(ShapeOf)
        .ToArray();

    [Theory]
    [InlineData(4, 2)]
    [InlineData(10, 5)]
    [InlineData(20, 10)]
    public void Lab_container_and_simulated_modes_have_the_same_providers(int count, int expectedFaulty)
    {
        var lab = ProviderSilos(SiloPlan.Lab, count);
        var container = ProviderSilos(SiloPlan.Container, count);
        var allInOne = SiloPlan.From(new SiloSettings { ReferenceProviders = count }, null).Providers.Select(ShapeOf).ToArray();
        // What `experiment run --simulated --simulated-providers N` builds.
        var simulated = ReferenceTopology.Create(count, seed: 7).Select(ShapeOf).ToArray();

        Assert.Equal(simulated, lab);
        Assert.Equal(simulated, container);
        Assert.Equal(simulated, allInOne);
        Assert.Equal(expectedFaulty, lab.Count(p => p.Faulty));
        // The faulty ones are the last ones, shaped to 1 MB/s; the honest ones are shaped to (i+1)·10 MB/s.
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(i >= count - expectedFaulty, lab[i].Faulty);
            Assert.Equal(0.2 + 0.1 * (i % 5), lab[i].Ask, 10);
            Assert.Equal((i + 1) * 10.0, lab[i].ClaimUp);
            Assert.Equal(lab[i].Faulty ? 1 : (i + 1) * 10.0, lab[i].ShapedDown);
        }
    }

    [Fact]
    public void A_provider_outside_the_configured_topology_is_refused()
    {
        var settings = new SiloSettings { Role = "provider", Network = { Mode = "lab" }, ReferenceProviders = 4, Tls = { Enabled = false }, Provider = { Id = "provider-4" } };
        var error = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(settings, Database));
        Assert.StartsWith("Auction:Provider:Id 'provider-4' is outside the topology of Auction:ReferenceProviders = 4", error.Message);
    }

    [Fact]
    public void The_faulty_count_and_adversary_are_configured_alike_in_every_mode()
    {
        var adversary = new AdversarySettings { Kind = AdversaryKinds.Colluder };
        var silo = SiloPlan.From(new SiloSettings
        {
            Role = "provider", Network = { Mode = "lab" }, ReferenceProviders = 10, FaultyProviders = 3, Adversary = { ["Kind"] = adversary.Kind }, Tls = { Enabled = false },
            Provider = { Id = "provider-8" },
        }, Database).Providers.Single();
        var simulated = ReferenceTopology.Create(10, faulty: 3, adversary: adversary)[8];

        Assert.Equal(ShapeOf(simulated), ShapeOf(silo));
        Assert.True(silo.Faulty);
        Assert.Equal(AdversaryKinds.Colluder, silo.Adversary.Kind);
        Assert.Equal(["provider-7", "provider-9"], silo.Allies);
        Assert.Equal(simulated.Allies, silo.Allies);
    }

    [Fact]
    public void A_provider_silo_reads_the_topology_size_faulty_count_and_adversary_from_its_environment_settings()
    {
        // What run.sh / compose.yaml set as Auction__… environment variables, as the silo binds them.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auction:Role"] = "provider",
            ["Auction:Network:Mode"] = "container",
            ["Auction:Provider:Id"] = "provider-1",
            ["Auction:ReferenceProviders"] = "4",
            ["Auction:FaultyProviders"] = "3",
            ["Auction:Adversary:Kind"] = "on-off",
            ["Auction:Adversary:HonestTransactions"] = "7",
            ["Auction:Tls:Enabled"] = "false",
        }).Build();
        var settings = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<SiloSettings>(configuration.GetSection("Auction"))!;
        var provider = SiloPlan.From(settings, Database).Providers.Single();

        Assert.True(provider.Faulty);                        // of 4 with 3 faulty, provider-1 is faulty
        Assert.Equal(AdversaryKinds.OnOff, provider.Adversary.Kind);
        Assert.Equal(7, provider.Adversary.Parameters["honest_transactions"]);
        Assert.Equal(20, provider.Endpoint.ShapedUplink);    // on-off: shaped to its claim, (1+1)·10
    }

    [Theory]
    [InlineData(AdversaryKinds.Liar, true, false)]
    [InlineData(AdversaryKinds.Colluder, true, true)]
    [InlineData(AdversaryKinds.OnOff, false, false)]
    public void Every_adversary_kind_gives_the_same_providers_in_every_mode(string kind, bool slowLink, bool getsAllies)
    {
        const int count = 6, faulty = 3;
        var adversary = new Dictionary<string, string?> { ["Kind"] = kind };
        var silos = Enumerable.Range(0, count).Select(i => SiloPlan.From(new SiloSettings
        {
            Role = "provider", Network = { Mode = "lab" }, ReferenceProviders = count, FaultyProviders = faulty, Adversary = adversary, Tls = { Enabled = false },
            Provider = { Id = $"provider-{i}" },
        }, Database).Providers.Single()).ToArray();
        var allInOne = SiloPlan.From(new SiloSettings { ReferenceProviders = count, FaultyProviders = faulty, Adversary = adversary }, null).Providers;
        var simulated = ReferenceTopology.Create(count, faulty: faulty, adversary: new AdversarySettings { Kind = kind });

        Assert.Equal(simulated.Select(Behaviour), silos.Select(Behaviour));
        Assert.Equal(simulated.Select(Behaviour), allInOne.Select(Behaviour));
        var faultyIds = simulated.Where(p => p.Faulty).Select(p => p.Id).ToArray();
        Assert.Equal(["provider-3", "provider-4", "provider-5"], faultyIds);
        for (int i = 0; i < count; i++)
        {
            var p = simulated[i];
            Assert.Equal(p.Faulty && slowLink ? 1 : (i + 1) * 10.0, p.Endpoint.ShapedUplink);
            Assert.Equal(p.Faulty && getsAllies ? faultyIds.Where(id => id != p.Id) : [], p.Allies);
            Assert.Equal(p.Faulty ? kind : AdversaryKinds.Liar, p.Adversary.Kind); // an honest provider carries the default, never used
        }
    }

    /// <summary>What sets a provider's behaviour apart: its shape, its allies and its adversary.</summary>
    private static (Shape Shape, string Allies, AdversarySettings Adversary) Behaviour(ProviderConfig p) =>
        (ShapeOf(p), string.Join(',', p.Allies), p.Adversary);

    [Fact]
    public void An_on_off_provider_is_shaped_to_its_claim()
    {
        var onOff = ReferenceTopology.Create(10, adversary: new AdversarySettings { Kind = AdversaryKinds.OnOff })[6];
        Assert.True(onOff.Faulty);
        Assert.Equal(70, onOff.Endpoint.ShapedUplink);
    }

    [Fact]
    public void A_won_flow_counts_until_a_minute_after_the_consumer_gives_up_on_it()
    {
        // SiloHost: consumer flow timeout = 2 × FlowTimeoutSeconds + 1 min; 1800 s gives 61 min, so 62 min of counting.
        var options = new ConsumerOptions { FlowTimeout = TimeSpan.FromSeconds(1800) * 2 + TimeSpan.FromMinutes(1) };
        Assert.Equal(TimeSpan.FromMinutes(62), options.FlowExpiry);
    }
}
