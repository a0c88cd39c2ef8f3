using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class OutlierFilterTests
{
    private static readonly double[] WithOutlier = [1, 2, 3, 4, 100];

    [Fact]
    public void ZScore_DropsTheOutlier()
    {
        // mean = 110/5 = 22; deviations −21 −20 −19 −18 78; squares 441+400+361+324+6084 = 7610;
        // sd = √(7610/5) = √1522 = 39.01281840626232; τ=1: |x − 22| ≤ 39.01 keeps 1..4, drops 100 (78 > 39.01)
        // → (1+2+3+4)/4 = 2.5
        var r = OutlierFilter.ZScore(WithOutlier, 1);
        Assert.Equal(2.5, r.Value, Tolerance.Abs);
        Assert.Equal(10, r.InlierSum, Tolerance.Abs);
        Assert.Equal(4, r.InlierCount);
        Assert.Equal(5, r.SampleCount);
        Assert.False(r.UsedMedian);
    }

    [Fact]
    public void ZScore_Tau3KeepsEverything()
    {
        // 78 ≤ 3 · 39.01 = 117.04 → all kept → 110/5 = 22
        var r = OutlierFilter.ZScore(WithOutlier, 3);
        Assert.Equal(22, r.Value, Tolerance.Abs);
        Assert.Equal(5, r.InlierCount);
    }

    [Fact]
    public void ZScore_ZeroDeviationKeepsAllValues()
    {
        // [5, 5, 5]: sd = 0 → all of X are inliers, even with τ = 0 → 15/3 = 5
        var r = OutlierFilter.ZScore([5, 5, 5], 0);
        Assert.Equal(5, r.Value);
        Assert.Equal(15, r.InlierSum);
        Assert.Equal(3, r.InlierCount);
        Assert.False(r.UsedMedian);
    }

    [Fact]
    public void ZScore_IdenticalValuesThatDoNotSumExactly_StillHaveZeroDeviation()
    {
        // [0.1, 0.1, 0.1] is a zero-deviation sample: all kept, value 0.1. In floating point 0.1+0.1+0.1 =
        // 0.30000000000000004 and /3 = 0.10000000000000002 ≠ 0.1, which must not make a tiny non-zero "sd"
        // that (with τ < 1) leaves no inlier and falls back to the median.
        var r = OutlierFilter.ZScore([0.1, 0.1, 0.1], 0.5);
        Assert.Equal(0.1, r.Value);
        Assert.Equal(3, r.InlierCount);
        Assert.False(r.UsedMedian);
    }

    [Fact]
    public void ZScore_OneSample()
    {
        // one value: mean = the value, sd = 0 → kept
        var r = OutlierFilter.ZScore([0.7], 3);
        Assert.Equal(0.7, r.Value);
        Assert.Equal(1, r.InlierCount);
        Assert.Equal(1, r.SampleCount);
    }

    [Fact]
    public void ZScore_MedianFallbackWhenNoInlierIsLeft()
    {
        // [0, 0, 3]: mean 1; deviations −1 −1 2; sd = √((1+1+4)/3) = √2 = 1.4142…; τ = 0.5 → bound 0.7071…:
        // |0 − 1| = 1 > 0.707 and |3 − 1| = 2 > 0.707 → no inlier → median of {0, 0, 3} = 0 (not the mean 1)
        var r = OutlierFilter.ZScore([0, 0, 3], 0.5);
        Assert.Equal(0, r.Value);
        Assert.True(r.UsedMedian);
        Assert.Equal(1, r.InlierCount);
        Assert.Equal(0, r.InlierSum);
        Assert.Equal(3, r.SampleCount);
    }

    [Fact]
    public void ZScore_MedianFallbackOfAnEvenSampleAveragesTheMiddlePair()
    {
        // [0, 1]: mean 0.5, sd = 0.5; τ = 0.5 → bound 0.25 < 0.5 → none → median (0 + 1)/2 = 0.5
        var r = OutlierFilter.ZScore([1, 0], 0.5);
        Assert.Equal(0.5, r.Value);
        Assert.True(r.UsedMedian);
    }

    [Fact]
    public void ZScore_RejectsEmptyNaNAndBadTau()
    {
        Assert.Equal("scores of p1", Assert.Throws<ArgumentException>(() => OutlierFilter.ZScore([], 3, "scores of p1")).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => OutlierFilter.ZScore([0.1, double.NaN], 3, "scores of p1"));
        Assert.Equal("scores of p1[1]", nan.ParamName);
        Assert.Contains("NaN", nan.Message);
        Assert.Equal("sample[0]", Assert.Throws<ArgumentException>(() => OutlierFilter.ZScore([double.PositiveInfinity], 3)).ParamName);
        Assert.Equal("tau", Assert.Throws<ArgumentException>(() => OutlierFilter.ZScore([1], -1)).ParamName);
        Assert.Equal("tau", Assert.Throws<ArgumentException>(() => OutlierFilter.ZScore([1], double.NaN)).ParamName);
        Assert.Throws<ArgumentNullException>(() => OutlierFilter.ZScore(null!, 3));
    }

    [Fact]
    public void ModifiedZScore_DropsTheOutlier()
    {
        // median 3; |x − 3| = 2 1 0 1 97 → sorted 0 1 1 2 97 → MAD = 1;
        // M = 0.6745 · (x − 3) / 1 = −1.349 −0.6745 0 0.6745 65.43 → cutoff 3.5 drops 100 → (1+2+3+4)/4 = 2.5
        var r = OutlierFilter.ModifiedZScore(WithOutlier, 3.5);
        Assert.Equal(2.5, r.Value, Tolerance.Abs);
        Assert.Equal(4, r.InlierCount);
    }

    [Fact]
    public void ModifiedZScore_ZeroMadFallsBackToThePlainMean()
    {
        // [1, 1, 1, 5]: median 1, |x − 1| = 0 0 0 4 → MAD = median(0,0,0,4) = 0 → plain mean 8/4 = 2
        var r = OutlierFilter.ModifiedZScore([1, 1, 1, 5], 3.5);
        Assert.Equal(2, r.Value, Tolerance.Abs);
        Assert.Equal(4, r.InlierCount);
        Assert.False(r.UsedMedian);
    }

    [Fact]
    public void ModifiedZScore_MedianFallback()
    {
        // [0, 1]: median 0.5, MAD = 0.5, M = ±0.6745 > cutoff 0.5 → none → median 0.5
        var r = OutlierFilter.ModifiedZScore([0, 1], 0.5);
        Assert.Equal(0.5, r.Value);
        Assert.True(r.UsedMedian);
    }

    [Fact]
    public void ModifiedZScore_RejectsBadInput()
    {
        Assert.Equal("cutoff", Assert.Throws<ArgumentException>(() => OutlierFilter.ModifiedZScore([1], -0.1)).ParamName);
        Assert.Equal("sample[0]", Assert.Throws<ArgumentException>(() => OutlierFilter.ModifiedZScore([double.NaN], 3.5)).ParamName);
    }

    [Fact]
    public void Apply_DispatchesByName()
    {
        Assert.Equal(22, OutlierFilter.Apply(AggregatorNames.ZScore, WithOutlier, 3).Value, Tolerance.Abs);
        Assert.Equal(2.5, OutlierFilter.Apply(AggregatorNames.ModifiedZScore, WithOutlier, 3).Value, Tolerance.Abs);
        var ex = Assert.Throws<ArgumentException>(() => OutlierFilter.Apply("mode", WithOutlier, 3));
        Assert.Equal("aggregator", ex.ParamName);
        Assert.Contains("mode", ex.Message);
    }

    [Fact]
    public void Apply_MedianAndTrimmedMeanByHand()
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
    public void Median()
    {
        Assert.Equal(3, OutlierFilter.Median([5, 3, 1]));       // sorted 1 3 5 → 3
        Assert.Equal(2.5, OutlierFilter.Median([4, 1, 3, 2]));  // sorted 1 2 3 4 → (2+3)/2
    }

    [Fact]
    public void Property_FilteredMeanLiesWithinTheSampleRange()
    {
        var random = new Random(20261126);
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            int n = random.Next(1, 21);
            double tau = random.NextDouble() * 4;
            var sample = new double[n];
            int shape = iteration % 4;
            for (int i = 0; i < n; i++)
            {
                sample[i] = shape switch
                {
                    0 => random.NextDouble(),                                // spread in [0, 1)
                    1 => 0.1 * random.Next(0, 4),                            // many duplicates, inexact sums
                    2 => random.NextDouble() < 0.8 ? 0.3 : random.NextDouble() * 1000, // one cluster and far outliers
                    _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7)), // mixed signs and scales
                };
            }
            double min = sample.Min(), max = sample.Max();
            foreach (var r in new[] { OutlierFilter.ZScore(sample, tau), OutlierFilter.ModifiedZScore(sample, tau) })
            {
                Assert.True(r.Value >= min && r.Value <= max,
                    $"iteration {iteration}: {r.Value:R} outside [{min:R}, {max:R}] for τ={tau:R}, sample [{string.Join(", ", sample.Select(x => x.ToString("R")))}]");
                Assert.InRange(r.InlierCount, 1, n);
                Assert.Equal(n, r.SampleCount);
            }
        }
    }
}
