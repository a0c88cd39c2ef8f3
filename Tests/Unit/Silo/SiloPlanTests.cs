using Auction.Grains.Placement;
using Auction.Silo.Configuration;

namespace Auction.Tests.Unit.Silo;

/// <summary>The silo's configuration: resolved from the reference topology, and every misconfiguration named in one sentence.</summary>
public sealed class SiloPlanTests
{
    private const string Database = "Host=127.0.0.1;Port=5432;Username=postgres;Database=auction";

    [Fact]
    public void A_provider_silo_takes_its_prices_claims_and_shape_from_the_reference_topology()
    {
        var settings = new SiloSettings { Role = "provider", Network = { Mode = "lab" }, Provider = { Id = "provider-7", AdvertisedHost = "10.77.0.17" }, Tls = { Enabled = false } };
        var plan = SiloPlan.From(settings, Database);

        var provider = Assert.Single(plan.Providers);
        // provider-7: ask 0.2 + 0.1·(7 mod 5) = 0.4, claims (7+1)·10 = 80 MB/s, faulty (5..9), so shaped to 1 MB/s.
        Assert.Equal(0.4, provider.AskPrice, 12);
        Assert.Equal(80, provider.ClaimedUplink);
        Assert.True(provider.Faulty);
        Assert.Equal(1, provider.Endpoint.ShapedUplink);
        Assert.Equal("10.77.0.17", provider.Endpoint.Host);
        Assert.True(plan.RealNetwork);
        Assert.False(plan.HostsDashboard);
        Assert.Equal("provider-7", plan.SiloName);
    }

    [Fact]
    public void Silos_are_named_after_their_role_and_provider()
    {
        var consumer = SiloPlan.From(new SiloSettings { Role = "consumer", Network = { Mode = "lab" }, Tls = { Enabled = false } }, Database);
        var all = SiloPlan.From(new SiloSettings { Role = "all" }, null);

        Assert.Equal("consumer", consumer.SiloName);
        Assert.Equal("all-in-one", all.SiloName);
    }

    [Fact]
    public void A_silo_that_joins_through_postgresql_needs_a_certificate_unless_tls_is_turned_off()
    {
        var settings = new SiloSettings { Role = "consumer" };
        var e = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(settings, Database));
        Assert.StartsWith("Auction:Tls:CaFile is required: every cluster connection uses mutual TLS", e.Message);
        settings.Tls.Enabled = false;
        Assert.Null(SiloPlan.From(settings, Database).Certificates);
    }

    [Fact]
    public void Settings_override_the_reference_values()
    {
        var settings = new SiloSettings
        {
            Role = "provider", Network = { Mode = "lab" },
            Provider = { Id = "provider-2", Faulty = true, ShapedUplink = 3, AskPrice = 0.9 },
            Tls = { Enabled = false }, // these tests are about the topology; SiloStartupTests cover certificates
        };
        var provider = Assert.Single(SiloPlan.From(settings, Database).Providers);
        Assert.True(provider.Faulty);
        Assert.Equal(3, provider.Endpoint.ShapedUplink);
        Assert.Equal(1, provider.Endpoint.ShapedDownlink); // faulty, not overridden: 1 MB/s
        Assert.Equal(0.9, provider.AskPrice);
        Assert.Equal(30, provider.ClaimedDownlink);          // (2+1)·10
    }

    [Fact]
    public void The_all_in_one_silo_hosts_the_reference_topology_and_the_dashboard()
    {
        var plan = SiloPlan.From(new SiloSettings { ReferenceProviders = 4 }, null);
        Assert.Equal(SiloRoles.All, plan.Role);
        Assert.Equal(["provider-0", "provider-1", "provider-2", "provider-3"], plan.Providers.Select(p => p.Id));
        Assert.Equal([false, false, true, true], plan.Providers.Select(p => p.Faulty));
        Assert.True(plan.HostsDashboard);
    }

    public static TheoryData<string, SiloSettings, string?> Misconfigurations => new()
    {
        { "Auction:Role must be one of provider, consumer, all, got 'banker'.", new SiloSettings { Role = "banker" }, Database },
        { "Auction:Network:Mode must be one of lab, container, simulated, got 'wifi'.", new SiloSettings { Network = { Mode = "wifi" } }, Database },
        { "Auction:Provider:Id is required for the provider role", new SiloSettings { Role = "provider", Network = { Mode = "lab" } }, Database },
        { "ConnectionStrings:Auction is required for the consumer role", new SiloSettings { Role = "consumer" }, null },
        { "Auction:Role 'all' runs every provider in one process, which needs Auction:Network:Mode 'simulated', got 'lab'.", new SiloSettings { Network = { Mode = "lab" } }, null },
        { "Auction:Cluster:AdvertisedAddress must be an IP address, got 'my-host'.", new SiloSettings { Cluster = { AdvertisedAddress = "my-host" } }, null },
        { "Auction:Telemetry:OtlpEndpoint must be an http:// or https:// URL, got 'collector:4317'.", new SiloSettings { Telemetry = { OtlpEndpoint = "collector:4317" } }, null },
        { "Auction:Provider:Id 'isp-a' does not end in a number", new SiloSettings { Role = "provider", Network = { Mode = "lab" }, Provider = { Id = "isp-a" } }, Database },
        // named as the silo setting it is, not by its name in experiment configs
        { "Auction:Parameters:Gamma must be in [0, 1], got 2.", new SiloSettings { Parameters = new() { Gamma = 2 } }, null },
        { "Auction:Adversary:Kind must be one of liar, colluder, on-off, got 'sneaky'.", new SiloSettings { Adversary = { ["Kind"] = "sneaky" } }, null },
        {
            "Auction:Adversary:HonestTransactions must be ≥ 0, got -1. Auction:Adversary:LyingTransactions must be ≥ 0, got -2.",
            new SiloSettings { Adversary = { ["Kind"] = "on-off", ["HonestTransactions"] = "-1", ["LyingTransactions"] = "-2" } }, null
        },
        { "Auction:Adversary:LyingTransactions must be a whole number, got 'never'.", new SiloSettings { Adversary = { ["LyingTransactions"] = "never" } }, null },
        {
            "Auction:Adversary:HonestTransaction is not a known setting (known: Kind, HonestTransactions, LyingTransactions).",
            new SiloSettings { Role = "provider", Network = { Mode = "lab" }, Tls = { Enabled = false }, Provider = { Id = "provider-7" }, Adversary = { ["HonestTransaction"] = "5" } },
            Database
        },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void A_misconfiguration_is_one_sentence_naming_the_setting(string expected, SiloSettings settings, string? connection)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(settings, connection));
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
