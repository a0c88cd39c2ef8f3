using Auction.Client.Bench;

namespace Auction.Tests.Unit.Bench;

/// <summary>
/// A tiny in-process benchmark: the grain calls the filter counts in the measured window are exactly what the
/// protocol predicts, warm-up excluded.
/// </summary>
public sealed class MessageCounterTests
{
    [Fact]
    public async Task Three_providers_and_four_auctions_make_the_calls_the_protocol_predicts()
    {
        var plan = new BenchPlan { ProviderCounts = [3], Auctions = 4, Warmup = 1, Concurrency = 2, Seed = 7 };

        var run = await AuctionBenchmark.RunAsync(3, plan).WaitAsync(TimeSpan.FromMinutes(2));

        // Per auction with n = 3 (ProtocolModel): Purchase 1, GetProviders 1, Buy 3, ReceiveBid 3·2 = 6,
        // ReceiveScoreVector 6, ReceiveConsensus 3, StartFlow 3, EndTransaction 3: 26; four auctions: 104.
        long protocol = run.MessageCounts.Where(kv => GrainCallNames.Protocol.Contains(kv.Key)).Sum(kv => kv.Value);
        Assert.Equal(104, protocol);
        Assert.Equal(4, run.MessageCounts[GrainCallNames.Purchase]);
        Assert.Equal(4, run.MessageCounts[GrainCallNames.GetProviders]);
        Assert.Equal(12, run.MessageCounts[GrainCallNames.Buy]);
        Assert.Equal(24, run.MessageCounts[GrainCallNames.ReceiveBid]);
        Assert.Equal(24, run.MessageCounts[GrainCallNames.ReceiveScoreVector]);
        Assert.Equal(12, run.MessageCounts[GrainCallNames.ReceiveConsensus]);
        Assert.Equal(12, run.MessageCounts[GrainCallNames.StartFlow]);
        Assert.Equal(12, run.MessageCounts[GrainCallNames.EndTransaction]);
        Assert.Equal(26.0, run.ProtocolMessagesPerAuction);
        Assert.Equal(26, run.FormulaMessagesPerAuction);
        Assert.Equal(0, run.Timeouts);
        Assert.Equal(0, run.MissingProviders);
        Assert.Equal(0, run.FailedAuctions);
        Assert.Equal(4, run.DecisionMs.Count);
    }
}
