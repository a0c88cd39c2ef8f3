using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Orleans.Runtime;
using Auction.Tests.Support;

namespace Auction.Tests.Cluster;

/// <summary>
/// The registry forgets nobody when its activation goes (idle collection, a directory that lost its entry): a
/// provider that stopped sending heartbeats must still be known (to be recorded missing, not refused).
/// </summary>
public sealed class ProviderRegistryTests : IAsyncLifetime
{
    private AuctionTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await AuctionTestCluster.StartAsync(ClusterTopologies.Reference(3));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_new_activation_of_the_registry_still_knows_a_provider_that_stopped_sending_heartbeats()
    {
        var registry = _cluster.Client.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
        // A provider that sends one heartbeat and is never heard of again (its silo died).
        var gone = new ProviderInfo("provider-gone", Faulty: true, LastSeen: DateTimeOffset.UnixEpoch);
        var afterHeartbeat = await registry.Heartbeat(gone);
        Assert.Contains(afterHeartbeat, p => p.Id == gone.Id);
        var firstActivation = ActivationOf(registry);

        await registry.AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.TrueAsync(() => ActivationOf(registry) != firstActivation, TimeSpan.FromSeconds(30), "the first activation to go");

        var known = await registry.GetProviders();
        Assert.NotEqual(firstActivation, ActivationOf(registry));
        Assert.Equal(afterHeartbeat.Select(p => p.Id), known.Select(p => p.Id));
        Assert.True(known.Single(p => p.Id == gone.Id).Faulty);
    }

    private ActivationId? ActivationOf(IAddressable grain) =>
        _cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context!.ActivationId : null;
}
