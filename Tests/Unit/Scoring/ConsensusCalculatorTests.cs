using System.Collections.Immutable;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class ConsensusCalculatorTests
{
    // B's vector carries a self-score (0.99) that must never count.
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Abc = ScoreMaps.Of(
        ("A", [("B", 0.2), ("C", 0.4)]),
        ("B", [("A", 0.6), ("C", 0.8), ("B", 0.99)]),
        ("C", [("A", 0.5), ("B", 0.3)]));

    [Fact]
    public void Consensus_OwnVectorCountsOnce_SelfScoresNever_SelfTargetOmitted()
    {
        var c = ConsensusCalculator.Consensus("A", ["A", "B", "C"], Abc, tau: 3);
        Assert.Equal(["B", "C"], c.Keys.ToArray());          // A does not reach a consensus on itself
        // X_B = {FF_AB, FF_CB} = {0.2, 0.3} (B's self-score 0.99 out, A's own score once) → 0.5/2 = 0.25
        Assert.Equal(0.25, c["B"].Value, Tolerance.Abs);
        Assert.Equal(2, c["B"].SampleCount);
        // X_C = {FF_AC, FF_BC} = {0.4, 0.8} → 1.2/2 = 0.6
        Assert.Equal(0.6, c["C"].Value, Tolerance.Abs);
        Assert.Equal(2, c["C"].SampleCount);
    }

    [Fact]
    public void Consensus_WithoutSelf_CoversEveryTarget()
    {
        var c = ConsensusCalculator.Consensus(null, ["A", "B", "C"], Abc, tau: 3);
        Assert.Equal(["A", "B", "C"], c.Keys.ToArray());
        // X_A = {FF_BA, FF_CA} = {0.6, 0.5} → 1.1/2 = 0.55
        Assert.Equal(0.55, c["A"].Value, Tolerance.Abs);
    }

    [Fact]
    public void Consensus_OmitsATargetNobodyScored()
    {
        var c = ConsensusCalculator.Consensus("A", ["A", "B", "C", "D", "D"], Abc, tau: 3);
        Assert.False(c.ContainsKey("D"));
        Assert.Equal(2, c.Count);
    }

    [Fact]
    public void Consensus_AppliesTheFilterAndTheAggregator()
    {
        // target T scored 1, 2, 3, 4, 100 by five scorers; T's own vector (a self-score of 100) is ignored.
        var v = ScoreMaps.Of(
            ("s1", [("T", 1.0)]), ("s2", [("T", 2.0)]), ("s3", [("T", 3.0)]), ("s4", [("T", 4.0)]), ("s5", [("T", 100.0)]),
            ("T", [("T", 100.0)]));
        // z-score, τ = 1: mean 22, sd √1522 = 39.01 → 100 dropped → 2.5 (see OutlierFilterTests)
        Assert.Equal(2.5, ConsensusCalculator.Consensus("s1", ["T"], v, 1)["T"].Value, Tolerance.Abs);
        // τ = 3 keeps all → 110/5 = 22
        Assert.Equal(22, ConsensusCalculator.Consensus("s1", ["T"], v, 3)["T"].Value, Tolerance.Abs);
        // modified z-score, cutoff 3: median 3, MAD 1 → 100 has M = 65.4 → dropped → 2.5
        Assert.Equal(2.5, ConsensusCalculator.Consensus("s1", ["T"], v, 3, AggregatorNames.ModifiedZScore)["T"].Value, Tolerance.Abs);
    }

    [Fact]
    public void SampleFor_IsInScorerOrderWhateverTheArrivalOrder()
    {
        var v = ScoreMaps.Of(("c", [("t", 3.0)]), ("a", [("t", 1.0)]), ("t", [("t", 9.0)]), ("b", [("t", 2.0)]), ("d", [("x", 5.0)]));
        Assert.Equal([1.0, 2.0, 3.0], ConsensusCalculator.SampleFor("t", v));
    }

    [Fact]
    public void Consensus_RejectsANaNScoreNamingTheTarget()
    {
        var v = ScoreMaps.Of(("a", [("t", double.NaN)]), ("b", [("t", 0.5)]));
        var ex = Assert.Throws<ArgumentException>(() => ConsensusCalculator.Consensus("a", ["t"], v, 3));
        Assert.Contains("scores of t", ex.ParamName);
    }

    [Fact]
    public void Indexed_consensus_skips_gaps_and_rejects_an_infinite_score_naming_the_target()
    {
        const double gap = ScoreVectors.NoScore;
        var order = new ParticipantOrder(["b", "a", "t"]); // id order: a, b, t
        ImmutableArray<double>[] vectors = [[gap, 0.2, 0.5], [0.4, gap, gap], default]; // a gave t no score; t sent nothing
        var means = ConsensusCalculator.Consensus(order, -1, [], vectors, tau: 3);
        Assert.Equal(0.5, means[2].Value);  // X_t = {FF_bt}
        Assert.Equal(1, means[2].SampleCount);
        Assert.Equal(0.4, means[0].Value);  // X_b = {FF_ab}
        Assert.Equal(0.2, means[1].Value);  // X_a = {FF_ba}
        Assert.False(ConsensusCalculator.Consensus(order, 0, [true, false, true], vectors, tau: 3)[1].HasValue); // not a target

        vectors[1] = [0.4, gap, double.PositiveInfinity];
        var ex = Assert.Throws<ArgumentException>(() => ConsensusCalculator.Consensus(order, -1, [], vectors, tau: 3));
        Assert.Equal("scores of t[0]", ex.ParamName); // a's score comes first in scorer-id order
    }
}
