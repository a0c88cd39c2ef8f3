using Auction.Client.Bench;

namespace Auction.Tests.Unit.Bench;

public sealed class PercentilesTests
{
    [Theory]
    // sorted = [15, 20, 35, 40, 50], n = 5; nearest rank = ⌈p/100 · 5⌉:
    // p5  → ⌈0.25⌉ = 1 → 15;  p40 → ⌈2⌉ = 2 → 20;  p50 → ⌈2.5⌉ = 3 → 35;
    // p95 → ⌈4.75⌉ = 5 → 50;  p99 → ⌈4.95⌉ = 5 → 50;  p100 → 5 → 50.
    [InlineData(5, 15)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(95, 50)]
    [InlineData(99, 50)]
    [InlineData(100, 50)]
    public void Nearest_rank_of_five_values(double percentile, double expected)
    {
        Assert.Equal(expected, Percentiles.NearestRank([15, 20, 35, 40, 50], percentile));
    }

    [Fact]
    public void Summary_of_one_to_two_hundred_sorts_a_copy()
    {
        // values 200, 199, …, 1 (unsorted); sorted they are 1..200, so the value at rank r is r:
        // p50 → ⌈100⌉ = 100; p95 → ⌈190⌉ = 190; p99 → ⌈198⌉ = 198; max 200; mean (1 + 200) / 2 = 100.5.
        var values = Enumerable.Range(1, 200).Select(i => (double)(201 - i)).ToArray();
        var summary = Percentiles.Summarize(values);
        Assert.Equal(200, summary.Count);
        Assert.Equal(100, summary.P50);
        Assert.Equal(190, summary.P95);
        Assert.Equal(198, summary.P99);
        Assert.Equal(200, summary.Max);
        Assert.Equal(100.5, summary.Mean);
        Assert.Equal(200, values[0]); // the input is left as it was
    }

    [Fact]
    public void One_value_is_every_percentile()
    {
        // n = 1: every rank ⌈p/100⌉ is 1.
        var summary = Percentiles.Summarize([7.5]);
        Assert.Equal((7.5, 7.5, 7.5), (summary.P50, summary.P95, summary.P99));
    }

    [Fact]
    public void Nothing_to_summarize_gives_NaN_and_a_bad_percentile_is_rejected()
    {
        var empty = Percentiles.Summarize([]);
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.P50));
        var e = Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([1.0], 0));
        Assert.Contains("percentile must be in (0, 100], got 0", e.Message);
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));
    }
}
