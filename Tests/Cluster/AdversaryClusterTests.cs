using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Tests.Cluster;

/// <summary>The adversaries and variants inside a running cluster: what the providers send, and what each transaction records.</summary>
public sealed class AdversaryClusterTests
{
    [Fact]
    public async Task Colluders_praise_each_other_to_the_consumer_and_the_transaction_records_both_sides()
    {
        var parameters = ClusterTopologies.FastParameters() with { ConsumerMemory = 0.8 };
        var providers = ReferenceTopology.Create(4, parameters, seed: 3, adversary: new AdversarySettings { Kind = AdversaryKinds.Colluder });
        await using var cluster = await AuctionTestCluster.StartAsync(providers);
        var ids = providers.Select(p => p.Id).ToArray();

        var record = await cluster.Consumer("consumer-0").Purchase(new PurchaseRequest
        {
            Strategy = Strategies.Auction, Qos = ClusterTopologies.SomeQos(), Providers = ids, Parameters = parameters,
        });

        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        // provider-2 and provider-3 collude: each gives the other 1 and the honest ones 0, in its vector and its consensus.
        Assert.Equal(1, record.ScoreVectors["provider-2"]["provider-3"]);
        Assert.Equal(0, record.ScoreVectors["provider-2"]["provider-0"]);
        Assert.Equal(1, record.ConsensusVectors["provider-3"]["provider-2"]);
        Assert.Equal(0, record.ConsensusVectors["provider-3"]["provider-1"]);
        Assert.Equal("colluder", record.ProviderParameters["provider-2"].Behaviour);
        Assert.Equal("honest", record.ProviderParameters["provider-0"].Behaviour);
        Assert.Equal(parameters.Tau, record.ProviderParameters["provider-1"].Tau);
        Assert.Equal("zscore+memory", record.Variant);
        Assert.Equal(0.8, record.ConsumerParameters!.ConsumerMemory);
    }

    [Fact]
    public async Task An_on_off_provider_delivers_its_claim_then_1_MB_per_s_once_it_lies()
    {
        // Two providers, provider-1 on-off: honest for its first transaction, then lying for ever. The naive strategy
        // picks provider-1 both times (it claims 20 MB/s at 0.3 against provider-0's 10 MB/s at 0.2: PF·SF 0.145 vs 0.084).
        var parameters = ClusterTopologies.FastParameters();
        var providers = ReferenceTopology.Create(2, parameters, faulty: 1,
            adversary: AdversaryRegistry.OnOff.Settings(new Dictionary<string, int> { ["honest_transactions"] = 1, ["lying_transactions"] = 0 }));
        await using var cluster = await AuctionTestCluster.StartAsync(providers);
        var consumer = cluster.Consumer("consumer-0");
        var measured = new List<double?>();
        foreach (int sequence in new[] { 0, 1 })
        {
            var record = await consumer.Purchase(new PurchaseRequest
            {
                Strategy = Strategies.Naive, Qos = ClusterTopologies.SomeQos(), Providers = ["provider-0", "provider-1"], Sequence = sequence,
            });
            Assert.Equal(TransactionOutcome.Completed, record.Outcome);
            Assert.Equal("provider-1", record.Winner);
            measured.Add(record.MeasuredUplink);
        }
        // Its link is shaped to its claim, 20 MB/s, which it delivers while honest; lying, it delivers 1 MB/s.
        Assert.Equal(20, providers[1].Endpoint.ShapedUplink);
        Assert.Equal([20.0, 1.0], measured);
    }
}
