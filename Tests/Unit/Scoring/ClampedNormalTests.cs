using Auction.Grains.Scoring;
using MathNet.Numerics.Distributions;

namespace Auction.Tests.Unit.Scoring;

public class ClampedNormalTests
{
    private static double[] Draws(int seed, int count, double mean, double sd, double lo, double hi)
    {
        var normal = new ClampedNormal(seed);
        return Enumerable.Range(0, count).Select(_ => normal.Next(mean, sd, lo, hi)).ToArray();
    }

    [Fact]
    public void SameSeedGivesTheSameSequence()
    {
        Assert.Equal(Draws(42, 100, 0.5, 0.5, 0.1, 1), Draws(42, 100, 0.5, 0.5, 0.1, 1));
        Assert.NotEqual(Draws(42, 100, 0.5, 0.5, 0.1, 1), Draws(43, 100, 0.5, 0.5, 0.1, 1));
        Assert.Equal(42, new ClampedNormal(42).Seed);
    }

    [Fact]
    public void DrawIsMathNetsNormalSampleClamped()
    {
        // the first draw of seed 7 is N(0.5, 0.5) from System.Random(7), clamped to [0.1, 1]
        double raw = Normal.Sample(new Random(7), 0.5, 0.5);
        Assert.Equal(Math.Clamp(raw, 0.1, 1), new ClampedNormal(7).Next(0.5, 0.5, 0.1, 1));
    }

    [Fact]
    public void HugeDeviationClampsToTheBoundsNeverResamples()
    {
        // sd = 1e12 in [1, 255]: P(|draw − 128| ≤ 127) ≈ 2·127/(√(2π)·1e12) ≈ 1e-10, so every draw is clamped:
        // exactly 1 or exactly 255, and (about half each) both bounds occur — a resampler would return values inside.
        var draws = Draws(1, 2000, 128, 1e12, 1, 255);
        Assert.All(draws, d => Assert.True(d == 1 || d == 255, $"{d:R} is neither bound"));
        Assert.Contains(1.0, draws);
        Assert.Contains(255.0, draws);
    }

    [Fact]
    public void DrawsStayWithinTheBounds()
    {
        Assert.All(Draws(3, 5000, 0.5, 0.5, 0.01, 0.99), d => Assert.InRange(d, 0.01, 0.99));
    }

    [Fact]
    public void ZeroDeviationReturnsTheMeanClamped()
    {
        var normal = new ClampedNormal(5);
        Assert.Equal(0.4, normal.Next(0.4, 0, 0.1, 1));
        Assert.Equal(1, normal.Next(3, 0, 0.1, 1));      // clamp(3, 0.1, 1) = 1
        Assert.Equal(-1, normal.Next(-7, 0, -1, 1));     // clamp(−7, −1, 1) = −1
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var normal = new ClampedNormal(1);
        Assert.Equal("mean", Assert.Throws<ArgumentException>(() => normal.Next(double.NaN, 1, 0, 1)).ParamName);
        Assert.Equal("std_dev", Assert.Throws<ArgumentException>(() => normal.Next(0, -1, 0, 1)).ParamName);
        Assert.Equal("std_dev", Assert.Throws<ArgumentException>(() => normal.Next(0, double.PositiveInfinity, 0, 1)).ParamName);
        Assert.Equal("lowest", Assert.Throws<ArgumentException>(() => normal.Next(0, 1, double.NegativeInfinity, 1)).ParamName);
        Assert.Equal("highest", Assert.Throws<ArgumentException>(() => normal.Next(0, 1, 0, double.NaN)).ParamName);
        var inverted = Assert.Throws<ArgumentException>(() => normal.Next(0, 1, 2, 1));
        Assert.Equal("lowest", inverted.ParamName);
        Assert.Contains("2", inverted.Message);
    }
}
