using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Tests.Unit.Scoring;

/// <summary>What each adversary kind puts in each message it sends: bids, beacons, score vectors and consensus.</summary>
public sealed class AdversaryMessagesTests
{
    private static readonly FittingnessComponents Honest = new(0.6, 0.4, 0.5, 0.7, 0.8, 0.5);
    private static readonly FilteredMean HonestConsensus = new(0.3, 0.9, 3, 3, false);

    [Fact]
    public void A_liar_sends_the_specifications_draws_and_one_bid_per_auction_to_every_peer()
    {
        var liar = Adversary.Create(AdversarySettings.Liar, 17, []);
        var model = new AdversaryModel(17);

        var bids = liar.Bids(0.4);
        double expectedBid = model.Bid(0.4);
        Assert.Equal(expectedBid, bids("provider-1"));
        Assert.Equal(expectedBid, bids("provider-2"));
        Assert.Equal(model.ChannelUtilization(100), liar.ChannelUtilization(100, "provider-1"));
        Assert.Equal(model.Score(Honest), liar.Score(Honest, Honest.Factor, "provider-1"));
        // No row for the peer: the honest default score, and no draw spent on it.
        Assert.Equal(0, liar.Score(null, 0, "provider-2"));
        Assert.Equal(model.Consensus(HonestConsensus), liar.Consensus(HonestConsensus, "provider-1"));
        Assert.False(liar.Throttled);
        Assert.Equal("liar", liar.Name);
    }

    [Fact]
    public void A_colluder_praises_its_allies_and_runs_the_honest_providers_down_in_every_message()
    {
        var colluder = Adversary.Create(new AdversarySettings { Kind = AdversaryKinds.Colluder }, 3, ["provider-6", "provider-7"]);

        Assert.Equal(ColluderAdversary.LowestBid, colluder.Bids(0.6)("provider-0"));
        Assert.Equal(ColluderAdversary.LowestBid, colluder.Bids(0.6)("provider-6"));
        Assert.Equal(1, colluder.ChannelUtilization(200, "provider-0"));
        Assert.Equal(1, colluder.Score(Honest, Honest.Factor, "provider-6"));
        Assert.Equal(1, colluder.Score(null, 0, "provider-7"));
        Assert.Equal(0, colluder.Score(Honest, Honest.Factor, "provider-0"));
        Assert.Equal(1, colluder.Consensus(HonestConsensus, "provider-7"));
        Assert.Equal(0, colluder.Consensus(HonestConsensus, "provider-1"));
        // Consistently: asking again gives the same answers.
        Assert.Equal(0, colluder.Consensus(HonestConsensus, "provider-1"));
        Assert.False(colluder.Throttled);
    }

    [Fact]
    public void An_on_off_provider_is_honest_then_lies_and_throttles_then_is_honest_again()
    {
        var onOff = new OnOffAdversary(seed: 9, honest: 2, lying: 3);
        var model = new AdversaryModel(9);
        var phases = new List<bool>();
        for (int auction = 1; auction <= 7; auction++)
        {
            onOff.TransactionJoined();
            phases.Add(onOff.Lying);
            if (onOff.Lying)
            {
                Assert.True(onOff.Throttled);
                Assert.Equal(model.Bid(0.5), onOff.Bids(0.5)("provider-0"));
                Assert.Equal(model.Score(Honest), onOff.Score(Honest, Honest.Factor, "provider-0"));
                Assert.Equal(model.Consensus(HonestConsensus), onOff.Consensus(HonestConsensus, "provider-0"));
            }
            else
            {
                Assert.False(onOff.Throttled);
                Assert.Equal(0.5, onOff.Bids(0.5)("provider-0"));
                Assert.Equal(40, onOff.ChannelUtilization(40, "provider-0"));
                Assert.Equal(Honest.Factor, onOff.Score(Honest, Honest.Factor, "provider-0"));
                Assert.Equal(0.3, onOff.Consensus(HonestConsensus, "provider-0"));
            }
        }
        // Auctions 1–2 honest, 3–5 lying, 6–7 honest again.
        Assert.Equal([false, false, true, true, true, false, false], phases);
        Assert.Equal("on-off(2/3)", onOff.Name);
    }

    [Fact]
    public void An_on_off_provider_without_a_lying_period_lies_for_ever_once_it_started()
    {
        var onOff = new OnOffAdversary(seed: 1, honest: 1, lying: 0);
        var phases = new List<bool>();
        for (int auction = 0; auction < 5; auction++)
        {
            onOff.TransactionJoined();
            phases.Add(onOff.Lying);
        }
        Assert.Equal([false, true, true, true, true], phases);
    }
}
