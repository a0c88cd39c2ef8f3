using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;
using Xunit.Abstractions;

namespace Auction.Tests.Cluster;

/// <summary>
/// The reference experiment (10 providers, 5 of them faulty) with 60 seeded requests, once per strategy:
/// the auction must learn to avoid the liars, the naive strategy believes them.
/// </summary>
public sealed class ReferenceExperimentTests(ITestOutputHelper output)
{
    private const int Seed = 42;
    private const int RequestCount = 60;

    [Fact]
    public async Task Auction_avoids_faulty_providers_far_better_than_naive()
    {
        var auction = await RunAsync(Strategies.Auction);
        var naive = await RunAsync(Strategies.Naive);

        output.WriteLine($"auction: faulty-win share (requests 21-60) {auction.FaultyShare:P1}, mean rating {auction.MeanRating:F3}");
        output.WriteLine($"naive:   faulty-win share (requests 21-60) {naive.FaultyShare:P1}, mean rating {naive.MeanRating:F3}");

        Assert.True(auction.FaultyShare < naive.FaultyShare,
            $"auction's faulty share {auction.FaultyShare:P1} should be below naive's {naive.FaultyShare:P1}");
        Assert.True(auction.FaultyShare < 0.25, $"auction's faulty share {auction.FaultyShare:P1} should be below 25%");
        Assert.True(auction.MeanRating > naive.MeanRating,
            $"auction's mean rating {auction.MeanRating:F3} should beat naive's {naive.MeanRating:F3}");
    }

    private static async Task<(double FaultyShare, double MeanRating)> RunAsync(string strategy)
    {
        var providers = ClusterTopologies.Reference(10, seed: Seed);
        await using var cluster = await AuctionTestCluster.StartAsync(providers);
        var ids = providers.Select(p => p.Id).ToArray();
        var consumer = cluster.Consumer("consumer-" + strategy);
        var records = new List<TransactionRecord>();
        foreach (var planned in RequestSequence.Generate(TriggerProfile.Reference, RequestCount, Seed))
        {
            var record = await consumer.Purchase(new PurchaseRequest
            {
                Strategy = strategy, Qos = planned.Qos, Providers = ids, Sequence = planned.Sequence,
            });
            Assert.Equal(TransactionOutcome.Completed, record.Outcome);
            records.Add(record);
        }
        Assert.Equal(RequestCount, cluster.Log.Records.Count);
        var late = records.Where(r => r.Sequence >= 20).ToArray();
        return (late.Count(r => r.WinnerFaulty == true) / (double)late.Length, records.Average(r => r.Rating!.Value));
    }
}
