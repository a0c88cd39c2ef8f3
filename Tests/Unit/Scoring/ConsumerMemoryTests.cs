using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

/// <summary>The consumer's own memory of its ratings, blended into the decision, on hand-computed cases; the variant's name.</summary>
public sealed class ConsumerMemoryTests
{
    private static readonly Dictionary<string, double> Prices = ScoreMaps.Prices(("A", 0.3), ("B", 0.3), ("C", 0.3));

    // Two liars (B, C) push each other up; A is honest. Y_A = {0.1 (B), 0.1 (C)}, Y_B = {0.2 (A), 0.9 (C)}, Y_C = {0.2 (A), 0.9 (B)}.
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Lies = ScoreMaps.Of(
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
    public void The_variant_name_is_the_aggregator_with_memory_when_it_is_used()
    {
        Assert.Equal("zscore", AuctionParameters.Default.Variant);
        Assert.Equal("median+memory", (AuctionParameters.Default with { Aggregator = AggregatorNames.Median, ConsumerMemory = 1 }).Variant);
    }
}
