using System.Reflection;
using Auction.Grains;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Auction.Tests.Cluster;

/// <summary>
/// An in-memory cluster whose silos take the given roles in the order they are first configured (silos started
/// later take the next roles); every provider of the catalog is owned by the first provider silo unless the
/// providers each silo hosts are given.
/// </summary>
public sealed class RoleCluster : IAsyncDisposable
{
    private readonly string[] _roles;
    private readonly List<string> _siloNames = [];

    private RoleCluster(string[] roles) => _roles = roles;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <param name="roles">the role of each silo, those started later included.</param>
    /// <param name="initialSilos">how many silos start with the cluster.</param>
    /// <param name="siloDirectory">
    /// true for the grain directory the silos themselves run instead of the test cluster's shared in-memory one,
    /// which never loses an entry (its option is not public: this fails loudly if it goes).
    /// </param>
    /// <param name="hostedProviders">the provider ids each silo hosts, by its index in <paramref name="roles"/>.</param>
    /// <param name="configureSilo">more configuration for every silo (call filters, say).</param>
    public static async Task<RoleCluster> StartAsync(
        string[] roles, short initialSilos, IReadOnlyList<ProviderConfig> providers, AuctionParameters consumerParameters, bool siloDirectory = false,
        IReadOnlyList<string[]>? hostedProviders = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var result = new RoleCluster(roles);
        var catalog = new InMemoryProviderCatalog();
        catalog.AddRange(providers);
        var builder = new InProcessTestClusterBuilder(initialSilos);
        if (siloDirectory)
        {
            typeof(InProcessTestClusterOptions)
                .GetProperty("UseTestClusterGrainDirectory", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!
                .SetValue(builder.Options, false);
        }
        builder.ConfigureSilo((options, silo) =>
        {
            var index = result.IndexOf(options.SiloName);
            var role = roles[index];
            bool ownsProviders = role == SiloRoles.Provider && Array.IndexOf(roles, SiloRoles.Provider) == index;
            var hosted = hostedProviders?[index] ?? (ownsProviders ? providers.Select(p => p.Id) : []);
            silo.Services.AddSingleton(catalog);
            silo.AddAuction(role, hosted, consumer => consumer.Parameters = consumerParameters);
            configureSilo?.Invoke(silo);
        });
        result.Cluster = builder.Build();
        await result.Cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return result;
    }

    /// <summary>The running silo with the given index in the roles list.</summary>
    public InProcessSiloHandle Silo(int index) => Cluster.Silos.Single(s => IndexOf(s.Name) == index);

    /// <summary>A silo's index by the order in which the silos were first configured (a silo may be configured twice).</summary>
    private int IndexOf(string siloName)
    {
        lock (_siloNames)
        {
            if (!_siloNames.Contains(siloName)) _siloNames.Add(siloName);
            return _siloNames.IndexOf(siloName);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
