using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class PeerMetricsTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void Uptime_OneHour()
    {
        // σ( min(3 600 000, DAY) / (0.5 · 86 400 000) ) = σ(3 600 000 / 43 200 000) = σ(1/12)
        //   = 1/(1+e^(−0.08333333333333333)) = 0.520821285372743
        Assert.Equal(0.520821285372743, PeerMetrics.Uptime(3_600_000, 0, 0.5), Tolerance.Abs);
    }

    [Fact]
    public void Uptime_IsMeasuredFromTheFirstBeacon()
    {
        // T_now − T_0 = 4 600 000 − 1 000 000 = 3 600 000 → same σ(1/12) = 0.520821285372743
        Assert.Equal(0.520821285372743, PeerMetrics.Uptime(4_600_000, 1_000_000, 0.5), Tolerance.Abs);
    }

    [Fact]
    public void Uptime_IsCappedAtOneDay()
    {
        // min(DAY, DAY) / (0.5 · DAY) = 2 → σ(2) = 0.8807970779778823; three days: min(3·DAY, DAY) = DAY → σ(2) again
        Assert.Equal(0.8807970779778823, PeerMetrics.Uptime(Day, 0, 0.5), Tolerance.Abs);
        Assert.Equal(0.8807970779778823, PeerMetrics.Uptime(3 * Day, 0, 0.5), Tolerance.Abs);
    }

    [Fact]
    public void Uptime_AtTheFirstBeaconIsOneHalf()
    {
        // σ(0 / (0.5 · DAY)) = σ(0) = 0.5
        Assert.Equal(0.5, PeerMetrics.Uptime(5_000, 5_000, 0.5), Tolerance.Abs);
    }

    [Fact]
    public void Uptime_RejectsAFirstBeaconInTheFuture()
    {
        var ex = Assert.Throws<ArgumentException>(() => PeerMetrics.Uptime(1_000, 2_000, 0.5));
        Assert.Equal("first_beacon_ms", ex.ParamName);
        Assert.Contains("2000", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Uptime_RejectsBadSlope(double k)
    {
        var ex = Assert.Throws<ArgumentException>(() => PeerMetrics.Uptime(1_000, 0, k));
        Assert.Equal("k_uptime", ex.ParamName);
    }

    [Fact]
    public void NextFirstBeacon_FirstBeaconStartsARun()
    {
        // no previous beacon: T_0 := T_now
        Assert.Equal(7_000, PeerMetrics.NextFirstBeacon(null, null, 7_000, 30_000));
    }

    [Fact]
    public void NextFirstBeacon_GapWithinTheLimitKeepsTheRun()
    {
        // gap 40 000 − 30 000 = 10 000 ≤ 30 000 → T_0 stays 0; gap exactly 30 000 does not *exceed* the limit → stays
        Assert.Equal(0, PeerMetrics.NextFirstBeacon(0, 30_000, 40_000, 30_000));
        Assert.Equal(0, PeerMetrics.NextFirstBeacon(0, 30_000, 60_000, 30_000));
    }

    [Fact]
    public void NextFirstBeacon_GapBeyondTheLimitResetsTheRun()
    {
        // gap 60 001 − 30 000 = 30 001 > 30 000 → T_0 := T_now = 60 001
        Assert.Equal(60_001, PeerMetrics.NextFirstBeacon(0, 30_000, 60_001, 30_000));
    }

    [Theory]
    // σ( (255 − 50) / (0.5 · 255) ) = σ(205 / 127.5) = σ(1.607843137254902) = 0.8331117190193006
    [InlineData(50.0, 0.8331117190193006)]
    // σ( 255 / 127.5 ) = σ(2) = 0.8807970779778823
    [InlineData(0.0, 0.8807970779778823)]
    // σ( 0 / 127.5 ) = σ(0) = 0.5
    [InlineData(255.0, 0.5)]
    public void Load(double channelUtilization, double expected) =>
        Assert.Equal(expected, PeerMetrics.Load(channelUtilization, 0.5), Tolerance.Abs);

    [Fact]
    public void Load_SlopeScalesTheArgument()
    {
        // k = 1: σ( (255 − 0) / 255 ) = σ(1) = 0.7310585786300049
        Assert.Equal(0.7310585786300049, PeerMetrics.Load(0, 1), Tolerance.Abs);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(255.5)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Load_RejectsChannelUtilizationOutside0To255(double cu)
    {
        var ex = Assert.Throws<ArgumentException>(() => PeerMetrics.Load(cu, 0.5));
        Assert.Equal("channel_utilization", ex.ParamName);
    }

    [Fact]
    public void Load_RejectsBadSlope() =>
        Assert.Equal("k_load", Assert.Throws<ArgumentException>(() => PeerMetrics.Load(0, 0)).ParamName);

    [Theory]
    // σ( 125 / (0.5 · 255) ) = σ(0.9803921568627451) = 0.7271860219039707
    [InlineData(125.0, 0.7271860219039707)]
    // σ( 255 / 127.5 ) = σ(2) = 0.8807970779778823
    [InlineData(255.0, 0.8807970779778823)]
    // σ(0) = 0.5
    [InlineData(0.0, 0.5)]
    public void Strength(double rssi, double expected) =>
        Assert.Equal(expected, PeerMetrics.Strength(rssi, 0.5), Tolerance.Abs);

    [Theory]
    [InlineData(-1.0)]
    [InlineData(256.0)]
    [InlineData(double.NaN)]
    public void Strength_RejectsRssiOutside0To255(double rssi) =>
        Assert.Equal("rssi", Assert.Throws<ArgumentException>(() => PeerMetrics.Strength(rssi, 0.5)).ParamName);

    [Fact]
    public void Strength_RejectsBadSlope() =>
        Assert.Equal("k_strength", Assert.Throws<ArgumentException>(() => PeerMetrics.Strength(125, double.NaN)).ParamName);

    [Theory]
    [InlineData(0, 0.0)]     // min(255, 50·0) = 0
    [InlineData(3, 150.0)]   // min(255, 50·3) = 150
    [InlineData(5, 250.0)]   // min(255, 50·5) = 250
    [InlineData(6, 255.0)]   // min(255, 50·6 = 300) = 255
    [InlineData(-2, 0.0)]    // a negative flow count is treated as 0
    public void HonestChannelUtilization(int flows, double expected) =>
        Assert.Equal(expected, PeerMetrics.HonestChannelUtilization(flows));
}
