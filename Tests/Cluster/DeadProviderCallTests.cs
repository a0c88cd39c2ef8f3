using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Cluster;

/// <summary>
/// A provider the consumer's membership view calls dead is recorded as missing with reason dead, and the consumer
/// sends it nothing: the record alone cannot tell, since the reason dead is written before anyone is asked.
/// </summary>
public sealed class DeadProviderCallTests(LostProviderSiloCluster cluster) : IClassFixture<LostProviderSiloCluster>
{
    [Theory]
    [InlineData(Strategies.Auction)]
    [InlineData(Strategies.Naive)]
    [InlineData(Strategies.Random)]
    [InlineData(Strategies.Cheapest)]
    public async Task A_provider_the_membership_calls_dead_is_recorded_dead_and_sent_no_call(string strategy)
    {
        var ids = cluster.Providers.Select(p => p.Id).ToArray();
        var consumerId = $"consumer-{strategy}";
        var record = await cluster.Client.GetGrain<IConsumerGrain>(consumerId).Purchase(new PurchaseRequest
        {
            Strategy = strategy, Qos = ClusterTopologies.SomeQos(), Providers = ids,
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        Assert.Equal(MissingReasons.Dead, record.MissingReasons.GetValueOrDefault(LostProviderSiloCluster.DeadProvider));
        // The counter sees this consumer's calls: every live provider was asked.
        var alive = ids.Where(id => id != LostProviderSiloCluster.DeadProvider).ToArray();
        Assert.All(alive, id => Assert.True(cluster.Calls.Calls(consumerId, id) > 0, $"no call from {consumerId} to {id} was counted"));
        Assert.Equal(0, cluster.Calls.Calls(consumerId, LostProviderSiloCluster.DeadProvider));
    }
}
