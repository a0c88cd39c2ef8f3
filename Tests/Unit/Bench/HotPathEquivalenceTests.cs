using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Bench;

/// <summary>
/// The performance changes to the auction's hot path must not change a single result: the consensus equals, bit for
/// bit, the original implementation (vectors re-sorted for every target), and the arrival counting fires exactly when
/// the original "every peer has arrived" scan would.
/// </summary>
public sealed class HotPathEquivalenceTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(10, 2)]
    [InlineData(37, 3)]
    public void Consensus_is_bit_identical_to_the_original_implementation(int n, int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, n).Select(i => "provider-" + i).OrderBy(_ => random.Next()).ToArray();
        var vectors = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (string scorer in ids.Where(_ => random.NextDouble() < 0.9)) // some scorers sent nothing
            vectors[scorer] = ids.Where(t => t != scorer && random.NextDouble() < 0.95)
                .ToDictionary(t => t, _ => Math.Round(random.NextDouble(), random.Next(1, 4)), StringComparer.Ordinal); // rounded: ties and sd = 0 happen
        string self = ids[0];
        var targets = ids.Concat(ids.Take(2)); // duplicates are ignored

        foreach (var (tau, aggregator) in new[] { (3.0, AggregatorNames.ZScore), (1.0, AggregatorNames.ZScore), (0.5, AggregatorNames.ZScore), (3.5, AggregatorNames.ModifiedZScore) })
        {
            var expected = OriginalConsensus(self, targets, vectors, tau, aggregator);
            var actual = ConsensusCalculator.Consensus(self, targets, vectors, tau, aggregator);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (target, value) in expected)
                Assert.Equal(value, actual[target]); // record equality: Value, InlierSum, counts and UsedMedian, exactly
            foreach (string target in ids)
                Assert.Equal(OriginalSampleFor(target, vectors), ConsensusCalculator.SampleFor(target, vectors));
        }
    }

    [Fact]
    public void Bids_complete_when_every_peer_has_bid_once_whatever_the_order()
    {
        var invitation = new AuctionInvitation(Guid.NewGuid(), "consumer", new Qos(0.5, 25, 25, 0.8, 0.8, 2, 5), ["p0", "p1", "p2", "p3"], 2000);
        var auction = new ProviderAuction(invitation.TransactionId, "p0", DateTimeOffset.UnixEpoch);
        auction.AddBid("p1", 0.3);        // before BUY
        auction.AddBid("p9", 0.3);        // not a participant: never counts
        auction.AddBid("p1", 0.4);        // twice: counts once, the newest price stays
        auction.Join(invitation);
        Assert.False(auction.AllBids.IsCompleted); // p2 and p3 still to come
        auction.AddBid("p2", 0.5);
        Assert.False(auction.AllBids.IsCompleted);
        auction.AddBid("p3", 0.6);
        Assert.True(auction.AllBids.IsCompleted);
        Assert.Equal(0.4, auction.Bids["p1"]);

        auction.AddVector("p0", new Dictionary<string, double>()); // its own: not expected from a peer
        auction.AddVector("p2", new Dictionary<string, double>()); // before the expectation is set
        auction.ExpectVectorsFrom(["p1", "p2"]);
        Assert.False(auction.AllVectors.IsCompleted);
        auction.AddVector("p3", new Dictionary<string, double>()); // not expected (its bid was "late")
        Assert.False(auction.AllVectors.IsCompleted);
        auction.AddVector("p1", new Dictionary<string, double>());
        Assert.True(auction.AllVectors.IsCompleted);
    }

    [Fact]
    public void Two_provider_auction_with_no_peer_bid_yet_is_not_complete_and_a_lone_provider_is()
    {
        var qos = new Qos(0.5, 25, 25, 0.8, 0.8, 2, 5);
        var pair = new ProviderAuction(Guid.NewGuid(), "p0", DateTimeOffset.UnixEpoch);
        pair.Join(new AuctionInvitation(pair.TransactionId, "c", qos, ["p0", "p1"], 2000));
        Assert.False(pair.AllBids.IsCompleted);
        // The original scan of an empty peer list is vacuously true: a provider alone needs no bids.
        var alone = new ProviderAuction(Guid.NewGuid(), "p0", DateTimeOffset.UnixEpoch);
        alone.Join(new AuctionInvitation(alone.TransactionId, "c", qos, ["p0"], 2000));
        Assert.True(alone.AllBids.IsCompleted);
    }

    // ---- the implementation before the performance change, kept here as the reference ----

    private static SortedDictionary<string, FilteredMean> OriginalConsensus(
        string? selfId, IEnumerable<string> targets, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> vectors, double tau, string aggregator)
    {
        var result = new SortedDictionary<string, FilteredMean>(StringComparer.Ordinal);
        foreach (string target in targets.Distinct())
        {
            if (target == selfId) continue;
            var sample = OriginalSampleFor(target, vectors);
            if (sample.Count > 0) result[target] = OutlierFilter.Apply(aggregator, sample, tau, $"scores of {target}");
        }
        return result;
    }

    private static List<double> OriginalSampleFor(string target, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> vectors)
    {
        var sample = new List<double>();
        foreach (var (scorer, vector) in vectors.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (scorer == target) continue;
            if (vector.TryGetValue(target, out double score)) sample.Add(score);
        }
        return sample;
    }
}
