using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class ConsumerRatingTests
{
    [Theory]
    [InlineData(10.0, 5.0, 20.0, 10.0, 0.5)]    // (min(1, 10/20) + min(1, 5/10)) / 2 = (0.5 + 0.5) / 2 = 0.5
    [InlineData(30.0, 5.0, 20.0, 20.0, 0.625)]  // (min(1, 1.5) + min(1, 0.25)) / 2 = (1 + 0.25) / 2 = 0.625
    [InlineData(50.0, 60.0, 20.0, 20.0, 1.0)]   // both capped at 1 → 1
    [InlineData(0.0, 0.0, 20.0, 20.0, 0.0)]     // nothing moved → 0
    [InlineData(1.0, 1.0, 25.0, 30.0, 0.03666666666666667)] // (1/25 + 1/30) / 2 = (0.04 + 0.0333…) / 2 = 0.0366…
    public void Of(double up, double down, double reqUp, double reqDown, double expected) =>
        Assert.Equal(expected, ConsumerRating.Of(up, down, reqUp, reqDown), Tolerance.Abs);

    [Theory]
    [InlineData(-1.0, 1.0, 20.0, 20.0, "measured uplink")]
    [InlineData(1.0, double.NaN, 20.0, 20.0, "measured downlink")]
    [InlineData(1.0, 1.0, 0.0, 20.0, "uplink")]
    [InlineData(1.0, 1.0, 20.0, 0.0, "downlink")]
    [InlineData(1.0, 1.0, double.PositiveInfinity, 20.0, "uplink")]
    public void Of_RejectsBadInput(double up, double down, double reqUp, double reqDown, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentException>(() => ConsumerRating.Of(up, down, reqUp, reqDown)).ParamName);
}
