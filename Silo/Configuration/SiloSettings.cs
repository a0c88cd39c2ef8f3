using Auction.Grains.Interfaces.Models;

namespace Auction.Silo.Configuration;

/// <summary>The silo's configuration, bound from the <c>Auction</c> section (appsettings.json, then <c>Auction__…</c> environment variables).</summary>
public sealed class SiloSettings
{
    /// <summary><c>provider</c> (owns one provider's link), <c>consumer</c> (consumers, registry, dashboard) or <c>all</c> (everything in one silo).</summary>
    public string Role { get; set; } = "all";
    public NetworkSettings Network { get; set; } = new();
    public ProviderSettings Provider { get; set; } = new();
    /// <summary>
    /// How many providers the reference topology has: the <c>all</c> role hosts them all, a provider silo takes its
    /// own entry from it (so every mode with the same count has the same prices, claims, shapes and faulty set).
    /// </summary>
    public int ReferenceProviders { get; set; } = 10;
    /// <summary>How many of them (the last ones) are faulty; unset: the second half.</summary>
    public int? FaultyProviders { get; set; }
    /// <summary>
    /// How the faulty providers misbehave, as set: <c>Kind</c> (liar, colluder, on-off) and the kinds' parameters by
    /// their setting names (<c>HonestTransactions</c> …); <see cref="AdversarySection"/> reads it through the adversary registry.
    /// </summary>
    public Dictionary<string, string?> Adversary { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The world the providers start from instead of the reference topology (<c>Auction:World:File</c>); unset: the reference topology.</summary>
    public WorldSettings World { get; set; } = new();
    public ClusterSettings Cluster { get; set; } = new();
    public DashboardSettings Dashboard { get; set; } = new();
    public TelemetrySettings Telemetry { get; set; } = new();
    public DatabaseSettings Database { get; set; } = new();
    /// <summary>Mutual TLS of every cluster connection: required when the silo joins through PostgreSQL.</summary>
    public Auction.Grains.Security.ClusterTlsSettings Tls { get; set; } = new();
    /// <summary>Overrides of the parameters of docs/algorithm.md (<c>Auction:Parameters:Gamma</c>, …); each one left out keeps its default.</summary>
    public AuctionParameterOverrides Parameters { get; set; } = new();

    /// <summary>The parameters this silo runs with: the defaults with <see cref="Parameters"/> applied.</summary>
    public AuctionParameters EffectiveParameters() => Parameters.ApplyTo(AuctionParameters.Default);
}

/// <summary>How flows move: <c>lab</c> (namespaces, tc, iperf3), <c>container</c> (the same in a container) or <c>simulated</c>.</summary>
public sealed class NetworkSettings
{
    public string Mode { get; set; } = "simulated";
    /// <summary>The interface a provider silo shapes (inside its namespace or container).</summary>
    public string Interface { get; set; } = "eth0";
    /// <summary>The simulated link really waits flow time × this factor (0: not at all).</summary>
    public double SimulatedTimeScale { get; set; }
    /// <summary>Longest a flow may take before it is recorded as failed: the reference trigger's 1 GB at a faulty 1 MB/s takes 17 minutes.</summary>
    public int FlowTimeoutSeconds { get; set; } = 1800;
}

/// <summary>The provider a provider silo owns. Unset capacities and prices come from the reference topology by the id's number.</summary>
public sealed class ProviderSettings
{
    public string? Id { get; set; }
    public double? AskPrice { get; set; }
    public double? ClaimedUplink { get; set; }
    public double? ClaimedDownlink { get; set; }
    public double? ShapedUplink { get; set; }
    public double? ShapedDownlink { get; set; }
    public bool? Faulty { get; set; }
    public int? Seed { get; set; }
    /// <summary>A colluder's fellow faulty providers, comma-separated; unset: the topology's other faulty providers.</summary>
    public string? Allies { get; set; }
    /// <summary>The address consumers reach this provider's iperf3 servers at.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";
    public int Iperf3BaseServerPort { get; set; } = 5201;
    public int Iperf3ServerCount { get; set; } = 4;
    /// <summary>Where the iperf3 servers' pid files go, so that <c>lab.sh down</c> finds them after a crash.</summary>
    public string? RunDirectory { get; set; }
}

/// <summary>
/// A world file (docs/worlds.md) a provider silo takes its provider's initial state from, and the all-in-one silo all
/// its providers; the seed is the experiment seed the world's providers without a seed of their own derive theirs from.
/// </summary>
public sealed class WorldSettings
{
    public string? File { get; set; }
    public int Seed { get; set; } = 1;
}

/// <summary>Orleans endpoints and identity.</summary>
public sealed class ClusterSettings
{
    public string ClusterId { get; set; } = "auction";
    public string ServiceId { get; set; } = "auction";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>The address other silos reach this one at; empty for loopback.</summary>
    public string? AdvertisedAddress { get; set; }
    /// <summary>Listen on every address of the host (0.0.0.0) instead of the advertised one alone: only behind NAT.</summary>
    public bool ListenOnAnyAddress { get; set; }
}

/// <summary>The Orleans Dashboard (consumer and all-in-one silos only). It has no authentication: keep it on loopback.</summary>
public sealed class DashboardSettings
{
    public bool Enabled { get; set; } = true;
    public string Urls { get; set; } = "http://127.0.0.1:8080";
}

/// <summary>Where the silo's metrics go (docs/observability.md): a Prometheus scrape endpoint, an OTLP collector.</summary>
public sealed class TelemetrySettings
{
    /// <summary>Serve Prometheus text at <c>/metrics</c> on the dashboard's web host (consumer and all-in-one silos).</summary>
    public bool Prometheus { get; set; } = true;
    /// <summary>An OTLP collector to push metrics to (<c>http://…:4317</c>); unset: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else no push.</summary>
    public string? OtlpEndpoint { get; set; }
}

/// <summary>What the silo does with the PostgreSQL database of <c>ConnectionStrings:Auction</c>.</summary>
public sealed class DatabaseSettings
{
    /// <summary>Apply the schema migrations at start-up (idempotent; concurrent silos serialise on a lock).</summary>
    public bool Migrate { get; set; } = true;
    public int StartupTimeoutSeconds { get; set; } = 30;
    /// <summary>
    /// Where a consumer silo keeps each finished transaction (flushed to disk before it answers) until PostgreSQL
    /// holds it; replayed at the next start. One file per cluster, role and silo port. Default: the user's local
    /// application data folder (<c>~/.local/share/auction/outbox</c>); in a container, put it on a volume.
    /// </summary>
    public string? OutboxDirectory { get; set; }
}
