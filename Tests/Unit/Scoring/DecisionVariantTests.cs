using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

/// <summary>The robust decision variants on hand-computed cases: the consumer's own memory and the robust aggregators.</summary>
public sealed class DecisionVariantTests
{
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Vectors(
        params (string Provider, (string Target, double Score)[] Scores)[] vectors) =>
        vectors.ToDictionary(
            v => v.Provider,
            v => (IReadOnlyDictionary<string, double>)v.Scores.ToDictionary(s => s.Target, s => s.Score),
            StringComparer.Ordinal);

    private static readonly Dictionary<string, double> Prices = new(StringComparer.Ordinal) { ["A"] = 0.3, ["B"] = 0.3, ["C"] = 0.3 };

    // Two liars (B, C) push each other up; A is honest. Y_A = {0.1 (B), 0.1 (C)}, Y_B = {0.2 (A), 0.9 (C)}, Y_C = {0.2 (A), 0.9 (B)}.
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Lies = Vectors(
        ("A", [("B", 0.2), ("C", 0.2)]),
        ("B", [("A", 0.1), ("C", 0.9)]),
        ("C", [("A", 0.1), ("B", 0.9)]));

    [Fact]
    public void Without_memory_the_liars_win()
    {
        // z-filter, τ = 2: two values at ±sd are both inliers, so B and C get (0.2 + 0.9)/2 = 0.55, A gets 0.1.
        var d = DecisionMaker.Decide(Lies, Prices, consumerTau: 2);
        Assert.Equal(0.55, d.FinalScores["B"], 12);
        Assert.Equal(0.1, d.FinalScores["A"], 12);
        Assert.Equal("B", d.Winner);
    }

    [Fact]
    public void The_consumers_memory_of_its_ratings_overrules_the_liars()
    {
        // γ = 0.8 from 0.5: A rated 0.9 → 0.8·0.9 + 0.2·0.5 = 0.82; B rated 0.05 → 0.14; C rated 0.05 twice → 0.14, then 0.8·0.05 + 0.2·0.14 = 0.068.
        var memory = new ConsumerMemory(gamma: 0.8, initial: 0.5);
        memory.Record("A", 0.9);
        memory.Record("B", 0.05);
        memory.Record("C", 0.05);
        memory.Record("C", 0.05);
        Assert.Equal(0.82, memory.Of("A"), 12);
        Assert.Equal(0.068, memory.Of("C"), 12);

        // Final scores A 0.1, B 0.55, C 0.55 → min–max over the candidates: A 0, B 1, C 1.
        // w = 0.8: A 0.2·0 + 0.8·0.82 = 0.656; B 0.2·1 + 0.8·0.14 = 0.312; C 0.2 + 0.8·0.068 = 0.2544 → A wins.
        var d = DecisionMaker.Decide(Lies, Prices, consumerTau: 2, memory: memory, memoryWeight: 0.8);
        Assert.Equal(0.656, d.FinalScores["A"], 12);
        Assert.Equal(0.312, d.FinalScores["B"], 12);
        Assert.Equal(0.2544, d.FinalScores["C"], 12);
        Assert.Equal("A", d.Winner);

        // w = 0.5: A 0.5·0.82 = 0.41 loses to B 0.5 + 0.5·0.14 = 0.57.
        var half = DecisionMaker.Decide(Lies, Prices, consumerTau: 2, memory: memory, memoryWeight: 0.5);
        Assert.Equal(0.57, half.FinalScores["B"], 12);
        Assert.Equal(0.41, half.FinalScores["A"], 12);
        Assert.Equal("B", half.Winner);
    }

    [Fact]
    public void Equal_scores_are_ranked_by_the_memory_alone_and_weight_zero_changes_nothing()
    {
        var memory = new ConsumerMemory(gamma: 0.5, initial: 0.5);
        memory.Record("B", 1);   // 0.5·1 + 0.5·0.5 = 0.75
        var blended = memory.Blend(new Dictionary<string, double> { ["A"] = -0.2, ["B"] = -0.2 }, weight: 0.4);
        // Equal scores all normalise to 1: A 0.6 + 0.4·0.5 = 0.8, B 0.6 + 0.4·0.75 = 0.9.
        Assert.Equal(0.8, blended["A"], 12);
        Assert.Equal(0.9, blended["B"], 12);
        var none = memory.Blend(new Dictionary<string, double> { ["A"] = 0.3, ["B"] = -0.1 }, weight: 0);
        Assert.Equal(1, none["A"], 12);
        Assert.Equal(0, none["B"], 12);
    }

    [Fact]
    public void The_median_and_the_trimmed_mean_by_hand()
    {
        double[] sample = [0.05, 0.9, 0.1, 0.12, 0.95, 0.11, 0.98, 0.13, 0.99];
        // Sorted: 0.05 0.10 0.11 0.12 0.13 0.90 0.95 0.98 0.99 → median 0.13.
        Assert.Equal(0.13, OutlierFilter.Apply(AggregatorNames.Median, sample, tau: 0).Value, 12);
        // Trim ⌊9/4⌋ = 2 each side: 0.11 0.12 0.13 0.90 0.95 → 2.21 / 5 = 0.442.
        var trimmed = OutlierFilter.Apply(AggregatorNames.TrimmedMean, sample, tau: 0);
        Assert.Equal(0.442, trimmed.Value, 12);
        Assert.Equal(5, trimmed.InlierCount);
    }

    [Fact]
    public void The_median_decision_resists_a_minority_of_liars()
    {
        // Y_A = {0.4 (B), 0.42 (C), 0.0 (D, liar)}: median 0.4; Y_D = {0.1 (A), 0.12 (B), 1.0 (C, liar)}: median 0.12.
        var consensus = Vectors(
            ("A", [("B", 0.30), ("C", 0.20), ("D", 0.10)]),
            ("B", [("A", 0.40), ("C", 0.22), ("D", 0.12)]),
            ("C", [("A", 0.42), ("B", 0.32), ("D", 1.00)]),
            ("D", [("A", 0.00), ("B", 0.34), ("C", 0.24)]));
        var prices = new Dictionary<string, double>(StringComparer.Ordinal) { ["A"] = 0.5, ["B"] = 0.4, ["C"] = 0.3, ["D"] = 0.2 };
        var d = DecisionMaker.Decide(consensus, prices, consumerTau: 1, aggregator: AggregatorNames.Median);
        Assert.Equal(0.40, d.FinalScores["A"], 12);
        Assert.Equal(0.12, d.FinalScores["D"], 12);
        Assert.Equal("A", d.Winner);
    }

    [Fact]
    public void The_variant_name_is_the_aggregator_with_memory_when_it_is_used()
    {
        Assert.Equal("zscore", AuctionParameters.Default.Variant);
        Assert.Equal("median+memory", (AuctionParameters.Default with { Aggregator = AggregatorNames.Median, ConsumerMemory = 1 }).Variant);
    }
}
