using Auction.Client.Bench;

namespace Auction.Tests.Unit.Bench;

public sealed class ProtocolModelTests
{
    [Theory]
    // 2n(n−1) + 4n + 2:
    // n = 3:   2·3·2     + 12  + 2 = 26
    // n = 10:  2·10·9    + 40  + 2 = 222
    // n = 100: 2·100·99  + 400 + 2 = 20 202
    // n = 200: 2·200·199 + 800 + 2 = 80 402
    [InlineData(3, 26)]
    [InlineData(10, 222)]
    [InlineData(100, 20_202)]
    [InlineData(200, 80_402)]
    public void Messages_per_auction(int n, long expected)
    {
        Assert.Equal(expected, ProtocolModel.MessagesPerAuction(n));
        Assert.Equal(expected, ProtocolModel.MessagesPerAuctionByMethod(n).Values.Sum());
    }

    [Fact]
    public void Bids_and_vectors_go_to_every_other_provider()
    {
        // n = 4: each of 4 providers sends to 3 peers: 12 bids, 12 vectors; BUY, consensus, START_FLOW, END 4 each.
        var byMethod = ProtocolModel.MessagesPerAuctionByMethod(4);
        Assert.Equal(12, byMethod[GrainCallNames.ReceiveBid]);
        Assert.Equal(12, byMethod[GrainCallNames.ReceiveScoreVector]);
        Assert.Equal(4, byMethod[GrainCallNames.Buy]);
        Assert.Equal(4, byMethod[GrainCallNames.ReceiveConsensus]);
        Assert.Equal(4, byMethod[GrainCallNames.StartFlow]);
        Assert.Equal(4, byMethod[GrainCallNames.EndTransaction]);
        Assert.Equal(1, byMethod[GrainCallNames.Purchase]);
        Assert.Equal(1, byMethod[GrainCallNames.GetProviders]);
    }
}
