using Auction.Grains;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Providers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Auction.Tests.Cluster;

/// <summary>
/// Three silos: a consumer silo and two provider silos owning provider-0 and provider-1. Provider grains must
/// activate only on their own silo and fail fast when it is gone; consumers only on the consumer silo.
/// </summary>
public sealed class PinnedPlacementTests : IAsyncLifetime
{
    private static readonly string[] Roles = [SiloRoles.Consumer, SiloRoles.Provider, SiloRoles.Provider];
    private InProcessTestCluster _cluster = null!;
    private readonly List<string> _siloNames = [];
    private readonly IReadOnlyList<ProviderConfig> _providers = ClusterTopologies.Reference(3);

    public async Task InitializeAsync()
    {
        var catalog = new InMemoryProviderCatalog();
        catalog.AddRange(_providers);
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((options, silo) =>
        {
            int index;
            lock (_siloNames)
            {
                index = _siloNames.Count;
                _siloNames.Add(options.SiloName);
            }
            silo.Services.AddSingleton(catalog);
            // provider-2 has no silo of its own.
            silo.AddAuction(Roles[index], index == 0 ? [] : [$"provider-{index - 1}"],
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

    private string HostOf(IAddressable grain)
    {
        Assert.True(_cluster.TryGetGrainContext(grain.GetGrainId(), out var context), $"{grain.GetGrainId()} is not active anywhere");
        var silo = _cluster.Silos.Single(s => s.SiloAddress.Equals(context!.Address.SiloAddress));
        return Roles[_siloNames.IndexOf(silo.Name)] + ":" + _siloNames.IndexOf(silo.Name);
    }

    [Fact]
    public async Task Each_provider_grain_activates_on_its_own_silo_and_consumers_on_the_consumer_silo()
    {
        var p0 = _cluster.Client.GetGrain<IProviderGrain>("provider-0");
        var p1 = _cluster.Client.GetGrain<IProviderGrain>("provider-1");
        await Task.WhenAll(p0.Start(), p1.Start());
        Assert.Equal("provider:1", HostOf(p0));
        Assert.Equal("provider:2", HostOf(p1));

        // The registry lives on the consumer silo; a naive purchase puts the consumer there too.
        var consumer = _cluster.Client.GetGrain<IConsumerGrain>("c-placement");
        var record = await consumer.Purchase(new PurchaseRequest
        {
            Strategy = Strategies.Naive, Qos = ClusterTopologies.SomeQos(), Providers = ["provider-0", "provider-1"],
        });
        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        Assert.Equal("consumer:0", HostOf(consumer));
        Assert.Equal("consumer:0", HostOf(_cluster.Client.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey)));
    }

    [Fact]
    public async Task A_provider_without_a_silo_fails_fast_with_a_clear_error_instead_of_activating_elsewhere()
    {
        // Fast means the placement director refuses at once: the error is its message, not a call timing out.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _cluster.Client.GetGrain<IProviderGrain>("provider-2").Start());
        Assert.IsNotType<TimeoutException>(error);
        Assert.Contains("provider 'provider-2' can run only on the silo configured as 'provider-2'", error.ToString());
        Assert.False(_cluster.TryGetGrainContext(_cluster.Client.GetGrain<IProviderGrain>("provider-2").GetGrainId(), out _));
    }

    [Fact]
    public async Task When_a_provider_silo_stops_its_grain_fails_fast_and_does_not_move()
    {
        var p1 = _cluster.Client.GetGrain<IProviderGrain>("provider-1");
        await p1.Start();
        var providerSilo = _cluster.Silos.Single(s => s.Name == _siloNames[2]);
        await _cluster.StopSiloAsync(providerSilo);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => p1.GetSnapshot());
        Assert.Contains("provider-1", error.ToString());
        Assert.False(_cluster.TryGetGrainContext(p1.GetGrainId(), out _), "provider-1 was activated on another silo");
    }

    [Fact]
    public async Task A_provider_no_live_silo_hosts_is_recorded_dead_and_not_asked()
    {
        await Task.WhenAll(_cluster.Client.GetGrain<IProviderGrain>("provider-0").Start(), _cluster.Client.GetGrain<IProviderGrain>("provider-1").Start());
        var consumer = _cluster.Client.GetGrain<IConsumerGrain>("c-dead");
        var before = await consumer.Purchase(new PurchaseRequest
        {
            Strategy = Strategies.Naive, Qos = ClusterTopologies.SomeQos(), Providers = ["provider-0", "provider-1"],
        });
        Assert.Equal(TransactionOutcome.Completed, before.Outcome);
        Assert.Empty(before.Missing);

        // provider-1's silo stops: once the consumer silo's membership view has it gone, auctions leave it out as dead.
        await _cluster.StopSiloAsync(_cluster.Silos.Single(s => s.Name == _siloNames[2]));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        TransactionRecord record;
        do
        {
            record = await consumer.Purchase(new PurchaseRequest
            {
                Strategy = Strategies.Naive, Qos = ClusterTopologies.SomeQos(), Providers = ["provider-0", "provider-1"],
            });
        } while (record.MissingReasons.GetValueOrDefault("provider-1") != MissingReasons.Dead && DateTime.UtcNow < deadline);

        Assert.Equal(MissingReasons.Dead, record.MissingReasons["provider-1"]);
        Assert.Equal("provider-0", record.Winner);
    }
}
