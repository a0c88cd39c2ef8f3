using Auction.Client.Bench;
using Auction.Client.Results;
using Auction.Client.Statistics;

namespace Auction.Tests.Unit.Bench;

public sealed class PercentilesTests
{
    [Theory]
    // sorted = [15, 20, 35, 40, 50], n = 5; linear interpolation at position p·(n − 1) = 4p (0-based):
    // p5  → 0.2  → 15 + 0.2·5  = 16;    p40 → 1.6 → 20 + 0.6·15 = 29;   p50 → 2 → 35;
    // p95 → 3.8  → 40 + 0.8·10 = 48;    p99 → 3.96 → 40 + 0.96·10 = 49.6;   p0 → 15;   p100 → 50.
    [InlineData(0, 15)]
    [InlineData(5, 16)]
    [InlineData(40, 29)]
    [InlineData(50, 35)]
    [InlineData(95, 48)]
    [InlineData(99, 49.6)]
    [InlineData(100, 50)]
    public void Linear_interpolation_of_five_values(double percentile, double expected)
    {
        Assert.Equal(expected, Percentiles.Of([15, 20, 35, 40, 50], percentile), 9);
    }

    [Fact]
    public void Summary_of_one_to_two_hundred_sorts_a_copy()
    {
        // values 200, 199, …, 1 (unsorted); sorted they are 1..200, so index i holds i + 1; position p·199:
        // p50 → 99.5 → 100.5; p95 → 189.05 → 190.05; p99 → 197.01 → 198.01; max 200; mean (1 + 200) / 2 = 100.5.
        var values = Enumerable.Range(1, 200).Select(i => (double)(201 - i)).ToArray();
        var summary = Percentiles.Summarize(values);
        Assert.Equal(200, summary.Count);
        Assert.Equal(100.5, summary.P50, 9);
        Assert.Equal(190.05, summary.P95, 9);
        Assert.Equal(198.01, summary.P99, 9);
        Assert.Equal(200, summary.Max);
        Assert.Equal(100.5, summary.Mean);
        Assert.Equal(200, values[0]); // the input is left as it was
    }

    [Fact]
    public void One_value_is_every_percentile()
    {
        var summary = Percentiles.Summarize([7.5]);
        Assert.Equal((7.5, 7.5, 7.5), (summary.P50, summary.P95, summary.P99));
    }

    [Fact]
    public void Nothing_to_summarize_gives_NaN_and_a_bad_percentile_is_rejected()
    {
        var empty = Percentiles.Summarize([]);
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.P50));
        var e = Assert.Throws<ArgumentException>(() => Percentiles.Of([1.0], 101));
        Assert.Contains("percentile must be in [0, 100], got 101", e.Message);
        Assert.Throws<ArgumentException>(() => Percentiles.Of([], 50));
    }

    [Fact]
    public void Bench_and_results_use_the_same_definition()
    {
        // the results' in-memory summary (the view's percentile_cont) and the bench agree on every quantile
        double[] sorted = [1, 2, 4, 8, 16, 32, 64];
        foreach (var p in new[] { 0.0, 0.1, 0.5, 0.9, 0.95, 1.0 })
        {
            Assert.Equal(Percentiles.Of(sorted, p * 100), ExperimentSummaryCalculator.Percentile(sorted, p)!.Value, 12);
            Assert.Equal(Percentiles.Of(sorted, p * 100), Quantiles.OfSorted(sorted, p), 12);
        }
        // p95 of 7 values: position 0.95·6 = 5.7 → 32 + 0.7·32 = 54.4
        Assert.Equal(54.4, ExperimentSummaryCalculator.Percentile(sorted, 0.95)!.Value, 9);
        Assert.Null(ExperimentSummaryCalculator.Percentile([], 0.5));
    }
}
