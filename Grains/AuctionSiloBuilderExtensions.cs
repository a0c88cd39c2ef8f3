using Microsoft.Extensions.DependencyInjection;
using Auction.Grains.Consumers;
using Auction.Grains.Placement;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Auction.Grains;

/// <summary>Turns a silo into an auction silo of the given role: its grains' services, its metadata and the pinned placement.</summary>
public static class AuctionSiloBuilderExtensions
{
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
        silo.Services.AddAuctionGrains(configureConsumer);
        silo.UseSiloMetadata(SiloRoles.Metadata(role, hostedProviders ?? []));
        silo.Services.AddSingleton<ProviderLiveness>();
        silo.AddPlacementDirector<ProviderPinnedPlacement, RolePlacementDirector>();
        silo.AddPlacementDirector<ConsumerSiloPlacement, RolePlacementDirector>();
        return silo;
    }
}
