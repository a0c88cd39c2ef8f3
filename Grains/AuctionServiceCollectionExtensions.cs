using Auction.Grains.Consumers;
using Auction.Grains.Network;
using Auction.Grains.Persistence;
using Auction.Grains.Providers;
using Auction.Grains.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Auction.Grains;

/// <summary>Registers what the grains need; anything registered before (a real link, PostgreSQL) is kept.</summary>
public static class AuctionServiceCollectionExtensions
{
    public static IServiceCollection AddAuctionGrains(this IServiceCollection services, Action<ConsumerOptions>? configureConsumer = null)
    {
        services.TryAddSingleton(AuctionClock.System);
        services.TryAddSingleton<ProviderBook>();
        services.TryAddSingleton<InMemoryProviderCatalog>();
        services.TryAddSingleton<IProviderCatalog>(sp => sp.GetRequiredService<InMemoryProviderCatalog>());
        services.TryAddSingleton<ITransactionLog, InMemoryTransactionLog>();
        services.TryAddSingleton<IFlowRunner>(sp => new SimulatedFlowRunner(0, sp.GetRequiredService<AuctionClock>().Time));
        services.TryAddSingleton<ILinkControl, SimulatedLinkControl>();
        var options = services.AddOptions<ConsumerOptions>();
        if (configureConsumer is not null) options.Configure(configureConsumer);
        return services;
    }
}
