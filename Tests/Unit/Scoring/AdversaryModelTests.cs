using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

/// <summary>The faulty provider's lies: the distributions and ranges of docs/algorithm.md, reproducible per seed.</summary>
public sealed class AdversaryModelTests
{
    private static readonly FittingnessComponents Honest = new(0.6, 0.4, 0.5, 0.7, 0.8, 0.5);

    [Fact]
    public void Each_lie_is_the_clamped_normal_draw_of_its_own_stream()
    {
        var liar = new AdversaryModel(17);
        // The same draws, made by hand from the derived seeds.
        var bids = new ClampedNormal(AdversaryModel.DerivedSeed(17, 1));
        var beacons = new ClampedNormal(AdversaryModel.DerivedSeed(17, 2));
        var scores = new ClampedNormal(AdversaryModel.DerivedSeed(17, 3));
        var consensus = new ClampedNormal(AdversaryModel.DerivedSeed(17, 4));

        Assert.Equal(bids.Next(0.4, 0.5, 0.1, 1), liar.Bid(0.4));
        Assert.Equal(beacons.Next(100, 100, 1, 255), liar.ChannelUtilization(100));
        double expectedScore = 1;
        foreach (double x in new[] { 0.6, 0.4, 0.5, 0.7, 0.8, 0.5 }) expectedScore *= scores.Next(x, 0.5, 0.01, 0.99);
        Assert.Equal(expectedScore, liar.Score(Honest));
        // Inliers 0.2 + 0.3 + 0.4 = 0.9 over n = 3: clamp(N(0.9, 1), −1, 1) / 3.
        Assert.Equal(consensus.Next(0.9, 1, -1, 1) / 3, liar.Consensus(new FilteredMean(0.3, 0.9, 3, 3, false)));
    }

    [Fact]
    public void Beacons_do_not_shift_the_auction_lies()
    {
        var quiet = new AdversaryModel(5);
        var chatty = new AdversaryModel(5);
        for (int i = 0; i < 37; i++) chatty.ChannelUtilization(50);

        Assert.Equal(quiet.Bid(0.3), chatty.Bid(0.3));
        Assert.Equal(quiet.Score(Honest), chatty.Score(Honest));
        Assert.Equal(quiet.Consensus(new FilteredMean(0.2, 0.4, 2, 2, false)), chatty.Consensus(new FilteredMean(0.2, 0.4, 2, 2, false)));
    }

    [Fact]
    public void Every_lie_stays_in_its_range()
    {
        var liar = new AdversaryModel(99);
        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(liar.Bid(0.95), 0.1, 1);
            Assert.InRange(liar.ChannelUtilization(250), 1, 255);
            // Six factors each in [0.01, 0.99]: the product in [0.01^6, 0.99^6].
            Assert.InRange(liar.Score(Honest), Math.Pow(0.01, 6), Math.Pow(0.99, 6));
            // clamp(…, −1, 1) / n with n = 4.
            Assert.InRange(liar.Consensus(new FilteredMean(0.25, 1.0, 4, 4, false)), -0.25, 0.25);
        }
    }

    [Fact]
    public void The_same_seed_tells_the_same_lies_and_another_seed_does_not()
    {
        var a = new AdversaryModel(3);
        var b = new AdversaryModel(3);
        var c = new AdversaryModel(4);
        var fromA = Enumerable.Range(0, 10).Select(_ => a.Bid(0.5)).ToArray();
        Assert.Equal(fromA, Enumerable.Range(0, 10).Select(_ => b.Bid(0.5)));
        Assert.NotEqual(fromA, Enumerable.Range(0, 10).Select(_ => c.Bid(0.5)));
    }
}
