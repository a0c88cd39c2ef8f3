using System.Reflection;
using Auction.Grains;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Auction.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Auction.Tests.Cluster;

/// <summary>
/// Three silos: one hosting 24 providers, a consumer silo, and a third provider silo that hosts none of them and is
/// killed. Orleans' default grain directory would deactivate every grain whose directory entry lived on the dead
/// silo — about a third of the providers here, each losing its memory of its peers. The auction's grains use the
/// distributed directory (<see cref="AuctionGrainDirectory"/>), so none of them may notice.
/// </summary>
public sealed class SiloLossDirectoryTests : IAsyncLifetime
{
    private static readonly string[] Roles = [SiloRoles.Provider, SiloRoles.Consumer, SiloRoles.Provider];
    private readonly IReadOnlyList<ProviderConfig> _providers = ClusterTopologies.Reference(24);
    private readonly List<string> _siloNames = [];
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var catalog = new InMemoryProviderCatalog();
        catalog.AddRange(_providers);
        var builder = new InProcessTestClusterBuilder(3);
        // The test cluster normally shares one in-memory directory between its silos, which never loses an entry;
        // this test is about the directory the silos themselves run. (The option is not public: fail loudly if it goes.)
        typeof(InProcessTestClusterOptions)
            .GetProperty("UseTestClusterGrainDirectory", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!
            .SetValue(builder.Options, false);
        builder.ConfigureSilo((options, silo) =>
        {
            var index = IndexOf(options.SiloName);
            silo.Services.AddSingleton(catalog);
            silo.AddAuction(Roles[index], index == 0 ? _providers.Select(p => p.Id) : [],
                consumer => consumer.Parameters = ClusterTopologies.FastParameters());
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Killing_a_silo_leaves_the_providers_on_other_silos_active_with_their_memory()
    {
        var ids = _providers.Select(p => p.Id).ToArray();
        await BeaconExchange.WaitAsync(_cluster.Client, ids, TimeSpan.FromSeconds(30));
        var before = await FirstBeaconsAsync(ids);
        var victim = _cluster.Silos.Single(s => IndexOf(s.Name) == 2).SiloAddress;
        var survivor = _cluster.Silos.Single(s => IndexOf(s.Name) == 0).SiloAddress;

        await _cluster.KillSiloAsync(_cluster.GetSiloForAddress(victim)!);
        var membership = _cluster.GetSiloServiceProvider(survivor).GetRequiredService<IClusterMembershipService>();
        await Eventually.TrueAsync(() => membership.CurrentSnapshot.GetSiloStatus(victim) == SiloStatus.Dead, TimeSpan.FromSeconds(60),
            "the killed silo declared dead");
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await FirstBeaconsAsync(ids)).Count == before.Count;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException)
            {
                return false; // a call that still went to the dead silo
            }
        }, TimeSpan.FromSeconds(30), "every provider answering with a full beacon table");

        var after = await FirstBeaconsAsync(ids);
        var forgot = before.Where(row => !after.TryGetValue(row.Key, out var first) || first != row.Value)
            .Select(row => row.Key.Split('>')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.True(forgot.Length == 0, $"providers activated anew (their peer memory lost): {string.Join(", ", forgot)}");
    }

    /// <summary>When each provider first heard each peer: a provider activated anew would have heard them all later.</summary>
    private async Task<Dictionary<string, long>> FirstBeaconsAsync(string[] ids)
    {
        var snapshots = await Task.WhenAll(ids.Select(id => _cluster.Client.GetGrain<IProviderGrain>(id).GetSnapshot()));
        return snapshots
            .SelectMany(s => s.Rows.Where(r => r.Value.FirstBeaconMs is not null).Select(r => (Key: $"{s.ProviderId}>{r.Key}", First: r.Value.FirstBeaconMs!.Value)))
            .ToDictionary(x => x.Key, x => x.First);
    }

    /// <summary>A silo's index by the order in which the silos were first configured (a silo may be configured twice).</summary>
    private int IndexOf(string siloName)
    {
        lock (_siloNames)
        {
            if (!_siloNames.Contains(siloName)) _siloNames.Add(siloName);
            return _siloNames.IndexOf(siloName);
        }
    }
}
