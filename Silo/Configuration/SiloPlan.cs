using System.Net;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Auction.Grains.Scoring.Adversaries;
using Auction.Grains.Security;
using Auction.Grains.Worlds;

namespace Auction.Silo.Configuration;

/// <summary>The validated, resolved configuration: the role, the providers this silo owns, and how it joins the cluster.</summary>
public sealed record SiloPlan(
    string Role,
    string NetworkMode,
    IReadOnlyList<ProviderConfig> Providers,
    string? ConnectionString,
    SiloSettings Settings)
{
    public const string Lab = "lab";
    public const string Container = "container";
    public const string Simulated = "simulated";
    public static IReadOnlyList<string> NetworkModes { get; } = [Lab, Container, Simulated];

    /// <summary>The world of <c>Auction:World:File</c> the providers start from; null: the reference topology.</summary>
    public World? World { get; init; }

    /// <summary>This member's TLS identity and the cluster CA; null when TLS is off (a single-process silo, or turned off).</summary>
    public ClusterCertificates? Certificates { get; init; }

    public bool HostsDashboard => Settings.Dashboard.Enabled && Role is SiloRoles.Consumer or SiloRoles.All;
    public bool RealNetwork => NetworkMode is Lab or Container;

    /// <summary>The silo's name on the dashboard and in the membership table: its provider id, "consumer" or "all-in-one".</summary>
    public string SiloName => Role switch
    {
        SiloRoles.Provider => Providers.Single().Id,
        SiloRoles.All => "all-in-one",
        _ => Role,
    };

    /// <summary>Checks the settings and resolves them; throws <see cref="SiloConfigurationException"/> naming the setting to fix.</summary>
    public static SiloPlan From(SiloSettings settings, string? connectionString)
    {
        string role = settings.Role?.Trim().ToLowerInvariant() ?? "";
        if (!SiloRoles.Known.Contains(role))
            throw new SiloConfigurationException(
                $"Auction:Role must be one of {string.Join(", ", SiloRoles.Known)}, got '{settings.Role}'.");
        string mode = settings.Network.Mode?.Trim().ToLowerInvariant() ?? "";
        if (!NetworkModes.Contains(mode))
            throw new SiloConfigurationException(
                $"Auction:Network:Mode must be one of {string.Join(", ", NetworkModes)}, got '{settings.Network.Mode}'.");
        if (role != SiloRoles.All && string.IsNullOrWhiteSpace(connectionString))
            throw new SiloConfigurationException(
                $"ConnectionStrings:Auction is required for the {role} role (silos find each other through PostgreSQL); set ConnectionStrings__Auction.");
        if (role == SiloRoles.All && mode != Simulated)
            throw new SiloConfigurationException(
                $"Auction:Role 'all' runs every provider in one process, which needs Auction:Network:Mode 'simulated', got '{mode}'.");
        if (!string.IsNullOrWhiteSpace(settings.Cluster.AdvertisedAddress) && !IPAddress.TryParse(settings.Cluster.AdvertisedAddress, out _))
            throw new SiloConfigurationException(
                $"Auction:Cluster:AdvertisedAddress must be an IP address, got '{settings.Cluster.AdvertisedAddress}'.");

        if (!string.IsNullOrWhiteSpace(settings.Telemetry.OtlpEndpoint)
            && !(Uri.TryCreate(settings.Telemetry.OtlpEndpoint, UriKind.Absolute, out var otlp) && otlp.Scheme is "http" or "https"))
            throw new SiloConfigurationException(
                $"Auction:Telemetry:OtlpEndpoint must be an http:// or https:// URL, got '{settings.Telemetry.OtlpEndpoint}'.");
        if (settings.Network.FlowTimeoutSeconds < 1)
            throw new SiloConfigurationException(
                $"Auction:Network:FlowTimeoutSeconds must be at least 1, got {settings.Network.FlowTimeoutSeconds}.");
        if (settings.Parameters.Validate(ParameterPaths.Silo) is { Count: > 0 } problems)
            throw new SiloConfigurationException(string.Join(" ", problems.Select(problem => problem.Message)));
        var world = role is SiloRoles.Provider or SiloRoles.All ? WorldSection.Read(settings.World) : null;
        if (world is not null && mode == Container) WorldSection.RequireIds(world, settings.ReferenceProviders, settings.World.File!);
        IReadOnlyList<ProviderConfig> providers;
        try
        {
            providers = role switch
            {
                SiloRoles.Provider => [world is null ? ResolveProvider(settings) : ResolveWorldProvider(settings, world)],
                SiloRoles.All => world is null ? Topology(settings) : WorldExpansion.Expand(world, settings.World.Seed, settings.EffectiveParameters()),
                _ => [],
            };
            foreach (var provider in providers) ProviderConfigValidator.Validate(provider);
        }
        catch (ArgumentException e)
        {
            throw new SiloConfigurationException($"Auction configuration: {e.Message.Split(" (Parameter")[0]}");
        }
        return new SiloPlan(role, mode, providers, string.IsNullOrWhiteSpace(connectionString) ? null : connectionString, settings)
        {
            Certificates = LoadCertificates(settings, role, string.IsNullOrWhiteSpace(connectionString), providers),
            World = world,
        };
    }

    /// <summary>
    /// A silo that joins through PostgreSQL (a cluster of processes) uses mutual TLS unless it is turned off; a
    /// provider silo's certificate must name the provider it serves: its identity is its certificate.
    /// </summary>
    private static ClusterCertificates? LoadCertificates(SiloSettings settings, string role, bool singleProcess, IReadOnlyList<ProviderConfig> providers)
    {
        var tls = settings.Tls;
        if (!tls.Enabled || (singleProcess && !tls.Configured)) return null;
        ClusterCertificates certificates;
        try
        {
            var member = role == SiloRoles.Provider ? providers.Single().Id : "consumer";
            certificates = ClusterCertificates.Load(tls.ForMember(member), "Auction:Tls:");
        }
        catch (ClusterCertificateException e)
        {
            throw new SiloConfigurationException(e.Message);
        }
        if (role == SiloRoles.Provider)
        {
            var id = providers.Single().Id;
            if (certificates.MemberRole != SiloRoles.Provider || certificates.MemberName != id)
                throw new SiloConfigurationException(
                    $"Auction:Provider:Id '{id}' is not the provider this silo's certificate names ({certificates.MemberRole ?? "no role"} '{certificates.MemberName}'): a provider silo serves only the provider in its certificate.");
        }
        else if (certificates.MemberRole == SiloRoles.Provider)
        {
            throw new SiloConfigurationException(
                $"Auction:Role '{role}' needs a {role} certificate, got the provider certificate of '{certificates.MemberName}'.");
        }
        return certificates;
    }

    /// <summary>The reference topology of the configured size, faulty count and adversary: the same for every mode.</summary>
    public static IReadOnlyList<ProviderConfig> Topology(SiloSettings settings)
    {
        if (settings.ReferenceProviders < 2)
            throw new SiloConfigurationException($"Auction:ReferenceProviders must be at least 2, got {settings.ReferenceProviders}.");
        if (settings.FaultyProviders is { } f && (f < 0 || f > settings.ReferenceProviders))
            throw new SiloConfigurationException(
                $"Auction:FaultyProviders must be between 0 and Auction:ReferenceProviders ({settings.ReferenceProviders}), got {f}.");
        var adversary = AdversarySection.Read(settings.Adversary);
        return ReferenceTopology.Create(settings.ReferenceProviders, settings.EffectiveParameters(), faulty: settings.FaultyProviders, adversary: adversary);
    }

    /// <summary>
    /// The provider of a provider silo with a world: the world's entry of its id in its initial state, reached at the
    /// configured address and iperf3 ports. The world alone says what it asks, claims, delivers and how it behaves, so
    /// the price, claim, shape, faulty, seed and allies settings of <c>Auction:Provider</c> are not used.
    /// </summary>
    private static ProviderConfig ResolveWorldProvider(SiloSettings settings, World world)
    {
        var p = settings.Provider;
        if (string.IsNullOrWhiteSpace(p.Id)) throw MissingProviderId();
        var id = p.Id;
        var index = WorldSection.IndexOf(world, id, settings.World.File!);
        return WorldSection.Provider(world, index, settings.World, settings.EffectiveParameters(),
            new LinkEndpoint(p.AdvertisedHost, p.Iperf3BaseServerPort, p.Iperf3ServerCount, 0, 0));
    }

    private static SiloConfigurationException MissingProviderId() =>
        new("Auction:Provider:Id is required for the provider role (e.g. Auction__Provider__Id=provider-3).");

    /// <summary>The provider of a provider silo: the topology's entry for its number, overridden by what is set.</summary>
    private static ProviderConfig ResolveProvider(SiloSettings settings)
    {
        var p = settings.Provider;
        if (string.IsNullOrWhiteSpace(p.Id)) throw MissingProviderId();
        int dash = p.Id.LastIndexOf('-');
        bool numbered = dash >= 0 && int.TryParse(p.Id[(dash + 1)..], out int index) && index >= 0;
        index = numbered ? int.Parse(p.Id[(dash + 1)..]) : 0;
        var topology = Topology(settings);
        if (numbered && index >= topology.Count)
            throw new SiloConfigurationException(
                $"Auction:Provider:Id '{p.Id}' is outside the topology of Auction:ReferenceProviders = {topology.Count} providers (provider-0 … provider-{topology.Count - 1}).");
        var reference = numbered ? topology[index] : null;
        if (reference is null && (p.AskPrice is null || p.ClaimedUplink is null || p.ClaimedDownlink is null))
            throw new SiloConfigurationException(
                $"Auction:Provider:Id '{p.Id}' does not end in a number, so AskPrice, ClaimedUplink and ClaimedDownlink must be set.");
        bool faulty = p.Faulty ?? reference?.Faulty ?? false;
        var adversary = AdversarySection.Read(settings.Adversary);
        var kind = AdversaryRegistry.Of(adversary);
        double claimedUp = p.ClaimedUplink ?? reference!.ClaimedUplink;
        double claimedDown = p.ClaimedDownlink ?? reference!.ClaimedDownlink;
        double shapedUp = p.ShapedUplink ?? ReferenceTopology.ShapedRate(faulty, kind, claimedUp);
        double shapedDown = p.ShapedDownlink ?? ReferenceTopology.ShapedRate(faulty, kind, claimedDown);
        var allies = p.Allies is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : topology.Where(c => c.Faulty && c.Id != p.Id).Select(c => c.Id).ToArray();
        return new ProviderConfig
        {
            Id = p.Id,
            AskPrice = p.AskPrice ?? reference!.AskPrice,
            ClaimedUplink = claimedUp,
            ClaimedDownlink = claimedDown,
            Faulty = faulty,
            Seed = p.Seed ?? reference?.Seed ?? 1,
            Endpoint = new LinkEndpoint(p.AdvertisedHost, p.Iperf3BaseServerPort, p.Iperf3ServerCount, shapedUp, shapedDown),
            Parameters = settings.EffectiveParameters(),
            // an honest provider's adversary is never used; it carries the default, as the reference world gives it
            Adversary = faulty ? adversary : AdversarySettings.Liar,
            Allies = faulty && kind.GetsAllies ? allies : [],
        };
    }
}
