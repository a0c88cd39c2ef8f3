using Auction.Client.Reports;

namespace Auction.Tests.Unit.Client;

/// <summary>The 95 % confidence interval of a sweep cell against one computed by hand from a t table.</summary>
public sealed class SampleSummaryTests
{
    [Fact]
    public void The_interval_is_the_student_t_one()
    {
        // 0.1, 0.2, 0.3, 0.4: mean 0.25; s = √((0.0225 + 0.0025 + 0.0025 + 0.0225)/3) = √0.016667 = 0.129099;
        // t(0.975, 3 df) = 3.1824 (table); half width 3.1824 · 0.129099 / √4 = 0.205423.
        var s = SampleSummary.Of([0.1, 0.2, 0.3, 0.4]);
        Assert.Equal(4, s.N);
        Assert.Equal(0.25, s.Mean, 12);
        Assert.Equal(0.129099, s.StdDev, 6);
        Assert.Equal(0.25 - 0.205423, s.CiLow, 4);
        Assert.Equal(0.25 + 0.205423, s.CiHigh, 4);
        Assert.Equal(0.25, s.Median, 12);
        Assert.Equal(0.1, s.Min);
        Assert.Equal(0.4, s.Max);
    }

    [Fact]
    public void Five_seeds_by_hand()
    {
        // 0.125, 0.05, 0.075, 0.1, 0.225: mean 0.115; s = 0.067546; t(0.975, 4 df) = 2.7764; half 2.7764 · 0.067546 / √5 = 0.083868.
        var s = SampleSummary.Of([0.125, 0.05, 0.075, 0.1, 0.225]);
        Assert.Equal(0.115, s.Mean, 12);
        Assert.Equal(0.083868, s.CiHalfWidth, 4);
        Assert.Equal(0.1, s.Median, 12);
    }

    [Fact]
    public void One_seed_has_no_interval()
    {
        var s = SampleSummary.Of([0.3]);
        Assert.True(double.IsNaN(s.CiLow));
        Assert.Equal(0.3, s.Mean);
    }
}
