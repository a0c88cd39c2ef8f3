using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class RequireTests
{
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Finite_RejectsNonFiniteValues_NamingFieldAndValue(double value, string shown)
    {
        var ex = Assert.Throws<ArgumentException>(() => Require.Finite(value, "uplink"));
        Assert.Equal("uplink", ex.ParamName);
        Assert.Contains("uplink", ex.Message);
        Assert.Contains(shown, ex.Message);
    }

    [Fact]
    public void Checks_ReturnTheValueWhenItPasses()
    {
        Assert.Equal(0.0, Require.Finite(0.0, "f"));
        Assert.Equal(0.0, Require.NonNegative(0.0, "f"));
        Assert.Equal(1e-300, Require.Positive(1e-300, "f"));
        Assert.Equal(1.0, Require.AtLeast(1.0, 1.0, "f"));
        Assert.Equal(0.0, Require.InRange(0.0, 0.0, 1.0, "f"));
        Assert.Equal(1.0, Require.InRange(1.0, 0.0, 1.0, "f"));
    }

    [Fact]
    public void NonNegative_RejectsNegative()
    {
        var ex = Assert.Throws<ArgumentException>(() => Require.NonNegative(-0.5, "peer uplink"));
        Assert.Equal("peer uplink", ex.ParamName);
        Assert.Contains("-0.5", ex.Message);
    }

    [Fact]
    public void Positive_RejectsZero()
    {
        var ex = Assert.Throws<ArgumentException>(() => Require.Positive(0, "downlink"));
        Assert.Equal("downlink", ex.ParamName);
        Assert.Contains("got 0", ex.Message);
    }

    [Fact]
    public void AtLeast_RejectsBelowMinimum()
    {
        var ex = Assert.Throws<ArgumentException>(() => Require.AtLeast(0.99, 1, "epsilon"));
        Assert.Equal("epsilon", ex.ParamName);
        Assert.Contains("0.99", ex.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void InRange_RejectsOutside(double value)
    {
        var ex = Assert.Throws<ArgumentException>(() => Require.InRange(value, 0, 1, "rating"));
        Assert.Equal("rating", ex.ParamName);
    }

    [Fact]
    public void Show_IsRoundTripAndCultureInvariant()
    {
        Assert.Equal("0.1", Require.Show(0.1));
        Assert.Equal("0.30000000000000004", Require.Show(0.1 + 0.2));
    }
}
