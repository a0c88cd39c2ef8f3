using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class SigmoidTests
{
    [Theory]
    [InlineData(0.0, 0.5)]                 // σ(0) = 1/(1+e^0) = 1/2
    [InlineData(1.0, 0.7310585786300049)]  // σ(1) = 1/(1+e^-1) = 1/1.3678794411714423 = 0.7310585786300049
    [InlineData(-1.0, 0.2689414213699951)] // σ(-1) = 1/(1+e^1) = 1/3.718281828459045 = 0.2689414213699951
    [InlineData(2.0, 0.8807970779778823)]  // σ(2) = 1/(1+e^-2) = 1/1.1353352832366128 = 0.8807970779778823
    public void Of_MatchesTheLogisticFunction(double x, double expected) =>
        Assert.Equal(expected, Sigmoid.Of(x), Tolerance.Abs);

    [Fact]
    public void Of_IsSymmetric()
    {
        // σ(−x) = 1 − σ(x): σ(−1) + σ(1) = 0.2689414213699951 + 0.7310585786300049 = 1
        Assert.Equal(1.0, Sigmoid.Of(-1) + Sigmoid.Of(1), Tolerance.Abs);
    }

    [Fact]
    public void Of_SaturatesWithoutOverflow()
    {
        // e^800 overflows to +∞, so σ(−800) = 1/(1+∞) = 0 and σ(800) = 1/(1+e^-800) = 1/(1+0) = 1
        Assert.Equal(0.0, Sigmoid.Of(-800));
        Assert.Equal(1.0, Sigmoid.Of(800));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Of_RejectsNonFiniteInput(double x)
    {
        var ex = Assert.Throws<ArgumentException>(() => Sigmoid.Of(x));
        Assert.Equal("x", ex.ParamName);
    }
}
