using Microsoft.Extensions.DependencyInjection;
using Auction.Grains.Consumers;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Auction.Grains;

/// <summary>
/// Turns a silo into an auction silo of the given role: its grains' services, its metadata, the pinned placement, the
/// activation of the providers it hosts and the runtime settings. The one way every host (the silo program, the
/// in-process simulated cluster, the tests' clusters) makes an auction silo.
/// </summary>
public static class AuctionSiloBuilderExtensions
{
    /// <summary>Grains whose silo each silo remembers (Orleans' default is 1 000 000).</summary>
    public const int GrainLocationCacheSize = 10_000;

    /// <summary>How often a silo tells the others its load (Orleans' default is every second).</summary>
    public static readonly TimeSpan LoadStatisticsPeriod = TimeSpan.FromSeconds(30);

    /// <param name="role">one of <see cref="SiloRoles.Known"/>.</param>
    /// <param name="hostedProviders">the provider ids whose links this silo owns (provider role).</param>
    public static ISiloBuilder AddAuction(
        this ISiloBuilder silo,
        string role,
        IEnumerable<string>? hostedProviders = null,
        Action<ConsumerOptions>? configureConsumer = null)
    {
        if (!SiloRoles.Known.Contains(role))
            throw new ArgumentException($"role must be one of {string.Join(", ", SiloRoles.Known)}, got '{role}'.", nameof(role));
        var owned = hostedProviders?.ToArray() ?? [];
        silo.Services.AddAuctionGrains(configureConsumer);
        // Marked experimental in Orleans 10; why the auction's grains need it is on AuctionGrainDirectory.
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory(AuctionGrainDirectory.Name);
#pragma warning restore ORLEANSEXP003
        silo.Services.AddSingleton(new SiloAssignment(role, owned));
        silo.UseSiloMetadata(SiloRoles.Metadata(role, owned));
        silo.Services.AddSingleton<ProviderLiveness>();
        silo.AddPlacementDirector<ProviderPinnedPlacement, RolePlacementDirector>();
        silo.AddPlacementDirector<ConsumerSiloPlacement, RolePlacementDirector>();
        silo.Services.AddHostedService<ProviderActivationService>();
        // A grain call carries its caller's trace, so that a request's spans on every silo share one trace. Without a
        // listener on Orleans' activity sources (the silo's tracing is off by default) nothing is carried.
        silo.AddActivityPropagation();
        // Orleans sizes its grain-location cache for a million grains: a table of ≈ 9 MB in every silo's large object
        // heap. A cluster of a few hundred providers and consumers needs far fewer; a miss costs one directory lookup.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = GrainLocationCacheSize);
        // Every silo sends its load statistics to every other silo once a second by default: 110 messages a second in
        // an idle cluster of 11. Only Orleans' load-based placement reads them, and no grain of ours is placed by load.
        silo.Configure<DeploymentLoadPublisherOptions>(o => o.DeploymentLoadPublisherRefreshTime = LoadStatisticsPeriod);
        return silo;
    }
}
