using Auction.Grains.Scoring;
using CsCheck;

namespace Auction.Tests.Unit.Scoring;

public class PeerScoreRowTests
{
    private const long Limit = 30_000;

    private static PeerScoreRow NewRow() => new(uplink: 50, downlink: 50, lastPrice: 0.5, feedback: 0.5);

    [Fact]
    public void NewRow_HasNoBeacon()
    {
        var row = NewRow();
        Assert.Null(row.FirstBeaconMs);
        Assert.Null(row.LastBeaconMs);
    }

    [Fact]
    public void RecordBeacon_UnbrokenRunKeepsItsStart()
    {
        var row = NewRow();
        row.RecordBeacon(1_000, 50, 125, Limit);
        row.RecordBeacon(11_000, 100, 120, Limit);  // gap 10 000 ≤ 30 000
        row.RecordBeacon(41_000, 150, 110, Limit);  // gap 30 000 = limit, not beyond it
        Assert.Equal(1_000, row.FirstBeaconMs);
        Assert.Equal(41_000, row.LastBeaconMs);
        Assert.Equal(150, row.ChannelUtilization);
        Assert.Equal(110, row.Rssi);
    }

    [Fact]
    public void RecordBeacon_GapBeyondTheLimitResetsUptime()
    {
        var row = NewRow();
        row.RecordBeacon(1_000, 50, 125, Limit);
        row.RecordBeacon(11_000, 50, 125, Limit);
        row.RecordBeacon(41_001, 50, 125, Limit);   // gap 30 001 > 30 000 → T_0 := 41 001
        Assert.Equal(41_001, row.FirstBeaconMs);
        Assert.Equal(41_001, row.LastBeaconMs);
        // uptime one hour later: σ(3 600 000 / 43 200 000) = σ(1/12) = 0.520821285372743
        Assert.Equal(0.520821285372743, PeerMetrics.Uptime(41_001 + 3_600_000, row.FirstBeaconMs!.Value, 0.5), Tolerance.Abs);
    }

    [Theory]
    [InlineData(-1.0, 125.0, "channel_utilization")]
    [InlineData(256.0, 125.0, "channel_utilization")]
    [InlineData(50.0, double.NaN, "rssi")]
    [InlineData(50.0, 300.0, "rssi")]
    public void RecordBeacon_RejectsBadValuesAndLeavesTheRowUnchanged(double cu, double rssi, string field)
    {
        var row = NewRow();
        row.RecordBeacon(1_000, 10, 100, Limit);
        var ex = Assert.Throws<ArgumentException>(() => row.RecordBeacon(2_000, cu, rssi, Limit));
        Assert.Equal(field, ex.ParamName);
        Assert.Equal(1_000, row.LastBeaconMs);
        Assert.Equal(10, row.ChannelUtilization);
        Assert.Equal(100, row.Rssi);
    }

    [Fact]
    public void RecordBeacons_ends_as_the_same_beacons_recorded_one_by_one()
    {
        // A row with or without an earlier run; a batch that joins it, starts after a gap, or breaks at every tick.
        var cases = Gen.Select(Gen.Long[-1, 100_000], Gen.Long[0, 200_000], Gen.Long[1, 60_000], Gen.Int[1, 50], Gen.Long[1, 60_000]);
        cases.Sample((previousMs, gapMs, intervalMs, count, limitMs) =>
        {
            var batched = NewRow();
            var single = NewRow();
            if (previousMs >= 0)
            {
                batched.RecordBeacon(previousMs, 7, 100, limitMs);
                single.RecordBeacon(previousMs, 7, 100, limitMs);
            }
            long firstMs = Math.Max(previousMs, 0) + gapMs;
            batched.RecordBeacons(firstMs, intervalMs, count, 42, 125, limitMs);
            for (int k = 0; k < count; k++) single.RecordBeacon(firstMs + k * intervalMs, 42, 125, limitMs);

            Assert.Equal(single.FirstBeaconMs, batched.FirstBeaconMs);
            Assert.Equal(single.LastBeaconMs, batched.LastBeaconMs);
            Assert.Equal(single.ChannelUtilization, batched.ChannelUtilization);
            Assert.Equal(single.Rssi, batched.Rssi);
        });
    }

    [Theory]
    [InlineData(0L, 1, "beacon interval")]
    [InlineData(1_000L, 0, "beacon count")]
    public void RecordBeacons_refuses_an_empty_or_timeless_batch(long intervalMs, int count, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentException>(() => NewRow().RecordBeacons(0, intervalMs, count, 1, 1, Limit)).ParamName);

    [Fact]
    public void RecordBid_StoresThePrice()
    {
        var row = NewRow();
        row.RecordBid(0.3);
        Assert.Equal(0.3, row.LastPrice);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RecordBid_RejectsBadPrice(double price) =>
        Assert.Equal("bid price", Assert.Throws<ArgumentException>(() => NewRow().RecordBid(price)).ParamName);

    [Fact]
    public void RecordTransaction_ReplacesSpeedsAndAveragesFeedback()
    {
        var row = NewRow();
        row.RecordTransaction(12.5, 7.25, rating: 1, gamma: 0.8);
        Assert.Equal(12.5, row.Uplink);
        Assert.Equal(7.25, row.Downlink);
        // 0.8 · 1 + (1 − 0.8) · 0.5 = 0.8 + 0.19999999999999996 · 0.5 = 0.9
        Assert.Equal(0.9, row.Feedback, Tolerance.Abs);
        row.RecordTransaction(1, 1, rating: 0.25, gamma: 0.8);
        // 0.8 · 0.25 + 0.2 · 0.9 = 0.2 + 0.18 = 0.38
        Assert.Equal(0.38, row.Feedback, Tolerance.Abs);
    }

    [Fact]
    public void RecordTransaction_RejectsNegativeSpeed() =>
        Assert.Equal("measured uplink",
            Assert.Throws<ArgumentException>(() => NewRow().RecordTransaction(-1, 1, 1, 0.8)).ParamName);
}
