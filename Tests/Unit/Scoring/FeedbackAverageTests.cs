using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class FeedbackAverageTests
{
    [Theory]
    [InlineData(0.5, 1.0, 0.8, 0.9)]                  // 0.8 · 1 + 0.2 · 0.5 = 0.8 + 0.1 = 0.9
    [InlineData(0.5, 0.0, 0.8, 0.1)]                  // 0.8 · 0 + 0.2 · 0.5 = 0.1
    [InlineData(0.7, 0.625, 0.8, 0.64)]               // 0.8 · 0.625 + 0.2 · 0.7 = 0.5 + 0.14 = 0.64
    [InlineData(0.3, 1.0, 0.0, 0.3)]                  // γ = 0: the rating is ignored
    [InlineData(0.3, 0.6, 1.0, 0.6)]                  // γ = 1: the rating replaces the feedback
    public void Update(double feedback, double rating, double gamma, double expected) =>
        Assert.Equal(expected, FeedbackAverage.Update(feedback, rating, gamma), Tolerance.Abs);

    [Theory]
    [InlineData(double.NaN, 0.5, 0.8, "feedback")]
    [InlineData(0.5, 1.5, 0.8, "rating")]
    [InlineData(0.5, -0.1, 0.8, "rating")]
    [InlineData(0.5, double.NaN, 0.8, "rating")]
    [InlineData(0.5, 0.5, 1.1, "gamma")]
    [InlineData(0.5, 0.5, double.PositiveInfinity, "gamma")]
    public void Update_RejectsBadInput(double feedback, double rating, double gamma, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentException>(() => FeedbackAverage.Update(feedback, rating, gamma)).ParamName);
}
