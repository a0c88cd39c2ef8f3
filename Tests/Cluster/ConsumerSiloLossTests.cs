using Auction.Grains.Consumers;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Auction.Tests.Support;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Auction.Tests.Cluster;

/// <summary>
/// A provider silo and a consumer silo; the consumer silo is killed and another takes its place. Its registry starts
/// empty and the providers' next heartbeats are a beacon interval away (a minute here): a request naming them must
/// still run, not be refused as naming unknown providers.
/// </summary>
public sealed class ConsumerSiloLossTests : IAsyncLifetime
{
    private static readonly string[] Roles = [SiloRoles.Provider, SiloRoles.Consumer, SiloRoles.Consumer];
    private static readonly AuctionParameters SlowBeacons = ClusterTopologies.FastParameters() with { BeaconIntervalMs = 60_000 };
    private readonly IReadOnlyList<ProviderConfig> _providers = ReferenceTopology.Create(4, SlowBeacons, seed: 1);
    private RoleCluster _roles = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _roles = await RoleCluster.StartAsync(Roles, 2, _providers, SlowBeacons);
        _cluster = _roles.Cluster;
    }

    public async Task DisposeAsync() => await _roles.DisposeAsync();

    [Fact]
    public async Task A_request_to_a_restarted_consumer_silo_runs_before_the_providers_next_heartbeat()
    {
        var ids = _providers.Select(p => p.Id).ToArray();
        await Task.WhenAll(ids.Select(id => _cluster.Client.GetGrain<IProviderGrain>(id).Start())).WaitAsync(TimeSpan.FromSeconds(30));
        var registry = _cluster.Client.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
        Assert.Equal(ids, (await registry.GetProviders()).Select(p => p.Id));

        await _cluster.KillSiloAsync(_roles.Silo(Array.IndexOf(Roles, SiloRoles.Consumer)));
        await _cluster.StartAdditionalSiloAsync();
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await registry.GetProviders() is { Count: 0 };
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or ProviderUnavailableException)
            {
                return false; // the call went to the killed silo, or no consumer silo is known yet: not noticed yet
            }
        }, TimeSpan.FromSeconds(60), "the new consumer silo's registry, which has heard of nobody yet");

        var record = await _cluster.Client.GetGrain<IConsumerGrain>("consumer-after-restart").Purchase(new PurchaseRequest
        {
            Strategy = Strategies.Naive,
            Qos = ClusterTopologies.SomeQos(),
            Providers = ids,
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        Assert.Equal(ids, (await registry.GetProviders()).Select(p => p.Id));
        Assert.Equal(_providers.Single(p => p.Id == record.Winner).Faulty, record.WinnerFaulty);
    }

    [Fact]
    public async Task A_provider_no_silo_hosts_is_still_refused_as_unknown()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Client.GetGrain<IConsumerGrain>("consumer-unknown").Purchase(new PurchaseRequest
        {
            Strategy = Strategies.Naive,
            Qos = ClusterTopologies.SomeQos(),
            Providers = ["provider-0", "provider-99"],
        }).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("unknown provider 'provider-99'", error.Message);
    }
}
