using Auction.Grains;
using Auction.Grains.Consumers;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Auction.Tests.Cluster;

/// <summary>
/// An in-memory single-silo cluster in the simulated network mode, with its own provider catalog, transaction
/// log and fault injector. One per test class (its providers beacon every provider the registry knows).
/// </summary>
public sealed class AuctionTestCluster : IAsyncDisposable
{
    private AuctionTestCluster(InProcessTestCluster cluster, InMemoryProviderCatalog catalog, InMemoryTransactionLog log, FaultInjector faults)
    {
        Cluster = cluster;
        Catalog = catalog;
        Log = log;
        Faults = faults;
    }

    public InProcessTestCluster Cluster { get; }
    public InMemoryProviderCatalog Catalog { get; }
    public InMemoryTransactionLog Log { get; }
    public FaultInjector Faults { get; }
    public IClusterClient Client => Cluster.Client;

    public static async Task<AuctionTestCluster> StartAsync(
        IEnumerable<ProviderConfig> providers, AuctionClock? clock = null, Action<ConsumerOptions>? configureConsumer = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var catalog = new InMemoryProviderCatalog();
        catalog.AddRange(providers);
        // The consumer runs its auctions with the providers' parameters (deadline, consumer_tau, aggregator).
        var consumerParameters = catalog.All.First().Parameters;
        var log = new InMemoryTransactionLog();
        var faults = new FaultInjector();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(catalog);
            silo.Services.AddSingleton<ITransactionLog>(log);
            if (clock is not null) silo.Services.AddSingleton(clock);
            configureServices?.Invoke(silo.Services);
            silo.AddAuction(SiloRoles.All, configureConsumer: consumer =>
            {
                consumer.Parameters = consumerParameters;
                configureConsumer?.Invoke(consumer);
            });
            silo.AddIncomingGrainCallFilter(faults);
            silo.AddOutgoingGrainCallFilter(faults);
        });
        // As the product's client: a call carries the caller's trace (AuctionTracingTests).
        builder.ConfigureClient(client => client.AddActivityPropagation());
        var cluster = builder.Build();
        await cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var result = new AuctionTestCluster(cluster, catalog, log, faults);
        // The silo activated its providers as it started; tests begin once they have heard each other.
        await BeaconExchange.WaitAsync(cluster.Client, catalog.All.Select(c => c.Id).Order(StringComparer.Ordinal).ToArray(), TimeSpan.FromSeconds(30));
        return result;
    }

    public IProviderGrain Provider(string id) => Client.GetGrain<IProviderGrain>(id);
    public IConsumerGrain Consumer(string id) => Client.GetGrain<IConsumerGrain>(id);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
