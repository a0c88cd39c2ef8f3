using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class NaiveSelectorTests
{
    private static readonly Qos Request = new(0.5, 25, 30, 0.8, 0.6, 2, 5);

    [Fact]
    public void Decide_IsTheArgmaxOfPriceTimesSpeedFittingness()
    {
        var d = NaiveSelector.Decide(
            [new ProviderOffer("A", 0.3, 40, 35), new ProviderOffer("B", 0.5, 100, 100)], Request);
        // A: PF = ((1 − 0.3/0.5) + 1)/2 = 0.7; SF = s(1.6, 0.8)·s(7/6, 0.6) = 0.31015417245758126
        //    → 0.7 · 0.31015417245758126 = 0.21710792072030688
        Assert.Equal(0.21710792072030688, d.FinalScores["A"], Tolerance.Abs);
        // B: PF = ((1 − 1) + 1)/2 = 0.5; s(100/25 = 4, 0.8) = 4^0.8/(1+4^0.8) = 3.0314/4.0314 = 0.7519492530313435;
        //    s(100/30, 0.6) = 2.0597/3.0597 = 0.6731317041005889 → 0.5 · 0.7519492530313435 · 0.6731317041005889 = 0.2530804410450766
        Assert.Equal(0.2530804410450766, d.FinalScores["B"], Tolerance.Abs);
        Assert.Equal("B", d.Winner);
    }

    [Fact]
    public void Decide_TiesGoToTheLowerPriceThenTheLowerId()
    {
        // same claims and the same price → same score and price, so the lower id wins
        var d = NaiveSelector.Decide([new ProviderOffer("D", 0.3, 40, 35), new ProviderOffer("C", 0.3, 40, 35)], Request);
        Assert.Equal("C", d.Winner);
    }

    [Fact]
    public void Decide_NoOfferNoWinner() => Assert.Null(NaiveSelector.Decide([], Request).Winner);

    [Fact]
    public void Decide_RejectsEpsilonBelowOne() =>
        Assert.Equal("epsilon", Assert.Throws<ArgumentException>(
            () => NaiveSelector.Decide([new ProviderOffer("A", 0.3, 40, 35)], Request with { Epsilon = 0.9 })).ParamName);
}
