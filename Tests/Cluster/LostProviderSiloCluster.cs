using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Auction.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Tests.Cluster;

/// <summary>
/// A consumer silo and two provider silos; the second, hosting only <see cref="DeadProvider"/>, is killed, and the
/// tests begin once the consumer silo's view of the membership has it dead. Every call a consumer sends to a
/// provider is counted (<see cref="Calls"/>).
/// </summary>
public sealed class LostProviderSiloCluster : IAsyncLifetime
{
    public const string DeadProvider = "provider-3";
    private static readonly string[] Roles = [SiloRoles.Consumer, SiloRoles.Provider, SiloRoles.Provider];
    private RoleCluster _roles = null!;

    public IReadOnlyList<ProviderConfig> Providers { get; } = ClusterTopologies.Reference(4);
    public ConsumerCallCounter Calls { get; } = new();
    public IClusterClient Client => _roles.Cluster.Client;

    public async Task InitializeAsync()
    {
        var ids = Providers.Select(p => p.Id).ToArray();
        _roles = await RoleCluster.StartAsync(Roles, 3, Providers, ClusterTopologies.FastParameters(),
            hostedProviders: [[], [.. ids.Where(id => id != DeadProvider)], [DeadProvider]],
            configureSilo: silo => silo.AddOutgoingGrainCallFilter(Calls));
        // Beacons heard both ways: the consumer silo's registry knows every provider, the dead one included.
        await BeaconExchange.WaitAsync(Client, ids, TimeSpan.FromSeconds(30));

        await _roles.Cluster.KillSiloAsync(_roles.Silo(2));
        var liveness = _roles.Cluster.GetSiloServiceProvider(_roles.Silo(0).SiloAddress).GetRequiredService<ProviderLiveness>();
        await Eventually.TrueAsync(() => liveness.Split(ids).Dead.SequenceEqual([DeadProvider]), TimeSpan.FromSeconds(60),
            $"the consumer silo's membership view to call {DeadProvider} dead");
    }

    public async Task DisposeAsync() => await _roles.DisposeAsync();
}
