using System.Collections.Immutable;
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

    [Theory]
    [InlineData(3, 4)]
    [InlineData(10, 5)]
    [InlineData(37, 6)]
    public void Indexed_consensus_is_bit_identical_to_the_original_whatever_the_invitation_order(int n, int seed)
    {
        var random = new Random(seed);
        var invited = Enumerable.Range(0, n).Select(i => "provider-" + i).OrderBy(_ => random.Next()).ToArray(); // not in id order
        var order = new ParticipantOrder(invited);
        var vectors = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var indexed = new ImmutableArray<double>[n];
        for (int s = 0; s < n; s++)
        {
            if (random.NextDouble() >= 0.9) continue; // some scorers sent nothing
            var scores = ScoreVectors.Empty(n);
            var dictionary = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int t = 0; t < n; t++)
            {
                if (t == s || random.NextDouble() >= 0.95) continue;
                scores[t] = Math.Round(random.NextDouble(), random.Next(1, 4)); // rounded: ties and sd = 0 happen
                dictionary[invited[t]] = scores[t];
            }
            indexed[s] = ImmutableArray.Create(scores);
            vectors[invited[s]] = dictionary;
        }
        int self = random.Next(n);
        var live = Enumerable.Range(0, n).Select(p => p != self && random.NextDouble() < 0.9).ToArray(); // some bids came too late
        var liveIds = invited.Where((_, p) => live[p]).ToArray();

        foreach (var (tau, aggregator) in new[] { (3.0, AggregatorNames.ZScore), (1.0, AggregatorNames.ZScore), (0.5, AggregatorNames.ZScore), (3.5, AggregatorNames.ModifiedZScore), (0.0, AggregatorNames.Median), (0.0, AggregatorNames.TrimmedMean) })
        {
            var expected = OriginalConsensus(invited[self], liveIds, vectors, tau, aggregator);
            var actual = ConsensusCalculator.Consensus(order, self, live, indexed, tau, aggregator);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), Enumerable.Range(0, n).Where(t => actual[t].HasValue).Select(t => invited[t]).Order(StringComparer.Ordinal));
            foreach (var (target, value) in expected)
                Assert.Equal(value, actual[order.IndexOf(target)]); // Value, InlierSum, counts and UsedMedian, exactly

            // The consumer's step: every position a target, over the same vectors.
            var consumerExpected = OriginalConsensus(null, invited, vectors, tau, aggregator);
            var consumerActual = ConsensusCalculator.Consensus(order, -1, [], indexed, tau, aggregator);
            Assert.Equal(consumerExpected.Count, consumerActual.Count(m => m.HasValue));
            foreach (var (target, value) in consumerExpected)
                Assert.Equal(value, consumerActual[order.IndexOf(target)]);
        }
    }

    [Theory]
    [InlineData(2, 7)]
    [InlineData(10, 8)]
    [InlineData(37, 9)]
    public void Indexed_decision_equals_the_original_decision(int n, int seed)
    {
        var random = new Random(seed);
        var invited = Enumerable.Range(0, n).Select(i => "p" + i).OrderBy(_ => random.Next()).ToArray();
        var order = new ParticipantOrder(invited);
        var consensus = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var asks = new Dictionary<string, double>(StringComparer.Ordinal);
        var indexed = new ImmutableArray<double>[n];
        var indexedAsks = new double[n];
        for (int s = 0; s < n; s++)
        {
            if (n > 2 && random.NextDouble() >= 0.85) continue; // did not answer
            var values = ScoreVectors.Empty(n);
            for (int t = 0; t < n; t++)
                if (t != s && random.NextDouble() < 0.9) values[t] = Math.Round(random.NextDouble(), 2);
            indexed[s] = ImmutableArray.Create(values);
            indexedAsks[s] = asks[invited[s]] = 0.2 + 0.1 * random.Next(3); // equal asks happen: the tie rules decide
            consensus[invited[s]] = ScoreVectors.InIdOrder(order, indexed[s]);
        }

        var expectedFinals = OriginalConsensus(null, consensus.Values.SelectMany(v => v.Keys).Concat(asks.Keys), consensus, 1, AggregatorNames.ZScore)
            .ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);
        string? expectedWinner = DecisionMaker.PickBest(expectedFinals.Where(kv => asks.ContainsKey(kv.Key)).Select(kv => (kv.Key, kv.Value)), asks);
        var actual = DecisionMaker.Decide(order, indexed, indexedAsks, consumerTau: 1);
        Assert.Equal(expectedFinals.ToArray(), actual.FinalScores.ToArray()); // same keys, same values, same (id) order
        Assert.Equal(expectedWinner, actual.Winner);
        Assert.Equal(expectedWinner, DecisionMaker.Decide(consensus, asks, consumerTau: 1).Winner);
    }

    [Fact]
    public void Participant_order_keeps_the_invitation_positions_and_lists_them_in_id_order()
    {
        var order = new ParticipantOrder(["p2", "p10", "p1"]);
        Assert.Equal(1, order.IndexOf("p10"));
        Assert.Equal(-1, order.IndexOf("p3"));
        Assert.Equal([2, 1, 0], order.ByIdOrdinal.ToArray()); // "p1" < "p10" < "p2" in ordinal order
        Assert.Same(order, ParticipantOrder.Reuse(order, ["p2", "p10", "p1"]));
        Assert.NotSame(order, ParticipantOrder.Reuse(order, ["p10", "p2", "p1"]));
        Assert.Equal(["p10", "p2"], ParticipantOrder.Reuse(order, ["p10", "p2"]).Ids);
    }

    [Fact]
    public void Recorded_vectors_list_scores_in_invitation_order_and_consensus_in_id_order_without_the_gaps()
    {
        var order = new ParticipantOrder(["p2", "p10", "p1"]);
        var vector = ImmutableArray.Create(0.5, ScoreVectors.NoScore, 0.25);
        Assert.Equal([KeyValuePair.Create("p2", 0.5), KeyValuePair.Create("p1", 0.25)], ScoreVectors.InParticipantOrder(order, vector).ToArray());
        Assert.Equal([KeyValuePair.Create("p1", 0.25), KeyValuePair.Create("p2", 0.5)], ScoreVectors.InIdOrder(order, vector).ToArray());
        Assert.Equal(vector, ScoreVectors.Indexed(order, new Dictionary<string, double> { ["p1"] = 0.25, ["p2"] = 0.5, ["p9"] = 1 }), new DoubleBitsComparer());
    }

    [Fact]
    public void Bids_complete_when_every_peer_has_bid_once_whatever_the_order()
    {
        var invitation = new AuctionInvitation(Guid.NewGuid(), "consumer", new Qos(0.5, 25, 25, 0.8, 0.8, 2, 5), ["p0", "p1", "p2", "p3"], 2000);
        var order = new ParticipantOrder(invitation.Participants);
        var auction = new ProviderAuction(invitation.TransactionId, "p0", DateTimeOffset.UnixEpoch);
        auction.AddBid("p1");        // before BUY
        auction.AddBid("p9");        // not a participant: never counts
        auction.AddBid("p1");        // twice: counts once
        auction.Join(invitation, order);
        Assert.False(auction.AllBids.IsCompleted); // p2 and p3 still to come
        auction.AddBid("p2");
        Assert.False(auction.AllBids.IsCompleted);
        auction.AddBid("p3");
        Assert.True(auction.AllBids.IsCompleted);
        Assert.True(auction.HasBid(1));
        Assert.False(auction.HasBid(0));

        var vector = ImmutableArray.Create(ScoreVectors.Empty(4));
        auction.AddVector("p0", vector); // its own: not expected from a peer
        auction.AddVector("p2", vector); // before the expectation is set
        auction.ExpectVectorsFrom([false, true, true, false]);
        Assert.False(auction.AllVectors.IsCompleted);
        auction.AddVector("p3", vector); // not expected (its bid was "late")
        auction.AddVector("p9", vector); // not a participant
        auction.AddVector("p1", ImmutableArray.Create(0.5, 0.5)); // the wrong length: not a vector of this auction
        Assert.False(auction.AllVectors.IsCompleted);
        Assert.True(auction.Vectors[1].IsDefault);
        auction.AddVector("p1", vector);
        Assert.True(auction.AllVectors.IsCompleted);
    }

    [Fact]
    public void Vectors_that_arrive_before_the_invitation_are_placed_when_it_comes()
    {
        var invitation = new AuctionInvitation(Guid.NewGuid(), "consumer", new Qos(0.5, 25, 25, 0.8, 0.8, 2, 5), ["p1", "p0", "p2"], 2000);
        var auction = new ProviderAuction(invitation.TransactionId, "p0", DateTimeOffset.UnixEpoch);
        var early = ImmutableArray.Create(ScoreVectors.NoScore, 0.7, 0.1);
        auction.AddVector("p1", early);
        auction.AddVector("p7", early);
        auction.Join(invitation, new ParticipantOrder(invitation.Participants));
        Assert.Equal(1, auction.Self);
        Assert.Equal(early, auction.Vectors[0]);
        Assert.True(auction.Vectors[2].IsDefault);
        auction.ExpectVectorsFrom([true, false, false]);
        Assert.True(auction.AllVectors.IsCompleted);
    }

    [Fact]
    public void Two_provider_auction_with_no_peer_bid_yet_is_not_complete_and_a_lone_provider_is()
    {
        var qos = new Qos(0.5, 25, 25, 0.8, 0.8, 2, 5);
        var pair = new ProviderAuction(Guid.NewGuid(), "p0", DateTimeOffset.UnixEpoch);
        pair.Join(new AuctionInvitation(pair.TransactionId, "c", qos, ["p0", "p1"], 2000), new ParticipantOrder(["p0", "p1"]));
        Assert.False(pair.AllBids.IsCompleted);
        // The original scan of an empty peer list is vacuously true: a provider alone needs no bids.
        var alone = new ProviderAuction(Guid.NewGuid(), "p0", DateTimeOffset.UnixEpoch);
        alone.Join(new AuctionInvitation(alone.TransactionId, "c", qos, ["p0"], 2000), new ParticipantOrder(["p0"]));
        Assert.True(alone.AllBids.IsCompleted);
    }

    /// <summary>Equal when the bits are: NaN equals NaN (a gap equals a gap).</summary>
    private sealed class DoubleBitsComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
        public int GetHashCode(double obj) => obj.GetHashCode();
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
