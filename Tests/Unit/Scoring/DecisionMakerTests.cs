using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

/// <summary>The consumer's decision: the second filtering of the consensus, the argmax and its tie rules.</summary>
public class DecisionMakerTests
{
    /// <summary>Four providers scoring one another, D's score of A and C's score of D set by the test; A asks the most, D the least.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> FourProviders(double dScoresA, double cScoresD) => ScoreMaps.Of(
        ("A", [("B", 0.30), ("C", 0.20), ("D", 0.10)]),
        ("B", [("A", 0.40), ("C", 0.22), ("D", 0.12)]),
        ("C", [("A", 0.42), ("B", 0.32), ("D", cScoresD)]),
        ("D", [("A", dScoresA), ("B", 0.34), ("C", 0.24)]));

    private static readonly Dictionary<string, double> FourPrices = ScoreMaps.Prices(("A", 0.5), ("B", 0.4), ("C", 0.3), ("D", 0.2));

    [Fact]
    public void Decide_FiltersAgainWithConsumerTauAndPicksTheArgmax()
    {
        var d = DecisionMaker.Decide(FourProviders(dScoresA: 0.44, cScoresD: 0.90), FourPrices, consumerTau: 1);
        // Y_A = {0.40, 0.42, 0.44}: mean 0.42, sd = √((0.0004+0+0.0004)/3) = 0.01633; |±0.02| > 0.01633 → only 0.42 → 0.42
        Assert.Equal(0.42, d.FinalScores["A"], Tolerance.Abs);
        // Y_B = {0.30, 0.32, 0.34} → likewise 0.32
        Assert.Equal(0.32, d.FinalScores["B"], Tolerance.Abs);
        // Y_C = {0.20, 0.22, 0.24} → 0.22
        Assert.Equal(0.22, d.FinalScores["C"], Tolerance.Abs);
        // Y_D = {0.10, 0.12, 0.90}: mean 0.37333, deviations −0.27333 −0.25333 0.52667;
        //   sd = √((0.074711+0.064178+0.277378)/3) = √0.138756 = 0.372500; 0.52667 > 0.3725 drops 0.90 → (0.10+0.12)/2 = 0.11
        Assert.Equal(0.11, d.FinalScores["D"], Tolerance.Abs);
        Assert.Equal("A", d.Winner);
    }

    [Fact]
    public void Decide_WithTheMedianResistsAMinorityOfLiars()
    {
        // Y_A = {0.4 (B), 0.42 (C), 0.0 (D, liar)}: median 0.4; Y_D = {0.1 (A), 0.12 (B), 1.0 (C, liar)}: median 0.12.
        var d = DecisionMaker.Decide(FourProviders(dScoresA: 0.00, cScoresD: 1.00), FourPrices, consumerTau: 1, aggregator: AggregatorNames.Median);
        Assert.Equal(0.40, d.FinalScores["A"], 12);
        Assert.Equal(0.12, d.FinalScores["D"], 12);
        Assert.Equal("A", d.Winner);
    }

    [Fact]
    public void Decide_EqualScoreGoesToTheLowerAskPrice()
    {
        var consensus = ScoreMaps.Of(("X", [("Y", 0.5), ("Z", 0.5)]), ("Y", [("Z", 0.5), ("X", 0.1)]), ("Z", [("Y", 0.5), ("X", 0.1)]));
        // final Y = mean{0.5, 0.5} = 0.5 = final Z; Y asks 0.4, Z asks 0.3 → Z
        var d = DecisionMaker.Decide(consensus, ScoreMaps.Prices(("X", 0.2), ("Y", 0.4), ("Z", 0.3)), 1);
        Assert.Equal(0.5, d.FinalScores["Y"]);
        Assert.Equal(0.5, d.FinalScores["Z"]);
        Assert.Equal("Z", d.Winner);
    }

    [Fact]
    public void Decide_EqualScoreAndPriceGoesToTheLowerIdInOrdinalOrder()
    {
        var consensus = ScoreMaps.Of(("b", [("B", 0.5)]), ("x", [("b", 0.5)]));
        // "B" (U+0042) < "b" (U+0062) ordinally, though a culture-aware compare might say otherwise
        var d = DecisionMaker.Decide(consensus, ScoreMaps.Prices(("b", 0.3), ("B", 0.3), ("x", 0.3)), 1);
        Assert.Equal("B", d.Winner);
    }

    [Fact]
    public void Decide_ATargetNobodyScoredNeverWins()
    {
        // N asks the lowest price but nobody scored it; every scored target has a tiny score
        var consensus = ScoreMaps.Of(("A", [("B", 0.001)]), ("B", [("A", 0.002)]));
        var d = DecisionMaker.Decide(consensus, ScoreMaps.Prices(("A", 0.9), ("B", 0.9), ("N", 0.01)), 1);
        Assert.False(d.FinalScores.ContainsKey("N"));
        Assert.Equal("A", d.Winner);
    }

    [Fact]
    public void Decide_AProviderThatDidNotAnswerCannotWin()
    {
        // Q was scored highly but did not answer (no ask price) → not a candidate; its final score is still reported
        var consensus = ScoreMaps.Of(("A", [("Q", 0.9), ("B", 0.1)]), ("B", [("Q", 0.9), ("A", 0.2)]));
        var d = DecisionMaker.Decide(consensus, ScoreMaps.Prices(("A", 0.5), ("B", 0.5)), 1);
        Assert.Equal(0.9, d.FinalScores["Q"], Tolerance.Abs);
        Assert.Equal("A", d.Winner);
    }

    [Fact]
    public void Decide_NothingScoredGivesNoWinner()
    {
        var d = DecisionMaker.Decide(ScoreMaps.Of(), ScoreMaps.Prices(("A", 0.5)), 1);
        Assert.Empty(d.FinalScores);
        Assert.Null(d.Winner);
    }

    [Fact]
    public void PickBest_TieRules()
    {
        var prices = ScoreMaps.Prices(("a", 0.3), ("b", 0.2), ("c", 0.2), ("d", 0.1));
        Assert.Equal("a", DecisionMaker.PickBest([("b", 0.5), ("a", 0.6), ("d", 0.59)], prices));   // highest score
        Assert.Equal("b", DecisionMaker.PickBest([("a", 0.5), ("c", 0.5), ("b", 0.5)], prices));    // 0.2 < 0.3; b < c
        Assert.Equal("d", DecisionMaker.PickBest([("a", 0.5), ("d", 0.5)], prices));                // 0.1 < 0.3
        Assert.Equal("b", DecisionMaker.PickBest([("c", -1.0), ("b", -1.0)], prices));              // negative scores too
        Assert.Null(DecisionMaker.PickBest([], prices));
    }
}
