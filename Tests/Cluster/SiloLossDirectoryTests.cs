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
    private RoleCluster _roles = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _roles = await RoleCluster.StartAsync(Roles, 3, _providers, ClusterTopologies.FastParameters(), siloDirectory: true);
        _cluster = _roles.Cluster;
    }

    public async Task DisposeAsync() => await _roles.DisposeAsync();

    [Fact]
    public async Task Killing_a_silo_leaves_the_providers_on_other_silos_active_with_their_memory()
    {
        var ids = _providers.Select(p => p.Id).ToArray();
        await BeaconExchange.WaitAsync(_cluster.Client, ids, TimeSpan.FromSeconds(30));
        var before = await FirstBeaconsAsync(ids);
        var victim = _roles.Silo(2).SiloAddress;
        var survivor = _roles.Silo(0).SiloAddress;

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
}
