using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Tests.Unit.Scoring;

public class FittingnessCalculatorTests
{
    // The request of the scenario example: P_c 0.5, U_c 25, D_c 30, μ 0.8, δ 0.6, ε 2, 5 MB.
    private static readonly Qos Request = new(Price: 0.5, Uplink: 25, Downlink: 30, Mu: 0.8, Delta: 0.6, Epsilon: 2, FlowSizeMb: 5);

    [Theory]
    [InlineData(0.3, 0.5, 2.0, 0.7)]   // ((1 − 0.3/0.5) + (2 − 1)) / 2 = (0.4 + 1) / 2 = 0.7
    [InlineData(0.5, 0.5, 1.0, 0.0)]   // ((1 − 1) + 0) / 1 = 0
    [InlineData(0.25, 0.5, 1.0, 0.5)]  // ((1 − 0.5) + 0) / 1 = 0.5
    [InlineData(0.0, 0.5, 4.0, 1.0)]   // ((1 − 0) + 3) / 4 = 1
    [InlineData(1.0, 0.5, 2.0, 0.0)]   // ((1 − 2) + 1) / 2 = 0
    [InlineData(1.5, 0.5, 1.0, -2.0)]  // ((1 − 3) + 0) / 1 = −2: a peer dearer than the consumer's price is not clamped
    public void PriceFittingness(double peerPrice, double consumerPrice, double epsilon, double expected) =>
        Assert.Equal(expected, FittingnessCalculator.PriceFittingness(peerPrice, consumerPrice, epsilon), Tolerance.Abs);

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void PriceFittingness_RejectsEpsilonBelowOne(double epsilon)
    {
        var ex = Assert.Throws<ArgumentException>(() => FittingnessCalculator.PriceFittingness(0.3, 0.5, epsilon));
        Assert.Equal("epsilon", ex.ParamName);
        Assert.Contains("epsilon", ex.Message);
    }

    [Fact]
    public void PriceFittingness_RejectsZeroConsumerPriceAndBadPeerPrice()
    {
        Assert.Equal("price", Assert.Throws<ArgumentException>(() => FittingnessCalculator.PriceFittingness(0.3, 0, 2)).ParamName);
        Assert.Equal("peer price", Assert.Throws<ArgumentException>(() => FittingnessCalculator.PriceFittingness(double.NaN, 0.5, 2)).ParamName);
        Assert.Equal("peer price", Assert.Throws<ArgumentException>(() => FittingnessCalculator.PriceFittingness(-0.1, 0.5, 2)).ParamName);
    }

    [Theory]
    [InlineData(1.0, 0.8, 0.5)]                 // 1^0.8 / (1 + 1) = 0.5
    [InlineData(4.0, 0.5, 0.6666666666666666)]  // 4^0.5 = 2 → 2/3
    [InlineData(0.0, 1.0, 0.0)]                 // 0 / 1 = 0
    [InlineData(0.0, 0.0, 0.5)]                 // 0^0 = 1 (a zero weight makes the term ½ whatever the ratio) → 1/2
    [InlineData(1.6, 0.8, 0.5929086912535133)]  // 1.6^0.8 = 1.456983... → 1.456983/2.456983 = 0.5929086912535133
    public void SpeedTerm(double ratio, double weight, double expected) =>
        Assert.Equal(expected, FittingnessCalculator.SpeedTerm(ratio, weight), Tolerance.Abs);

    [Fact]
    public void SpeedTerm_HugeRatioTendsToOneInsteadOfNaN()
    {
        // r^w = (1e200)^2 overflows to +∞; s = r^w/(1 + r^w) → 1 as r → ∞ (∞/∞ would be NaN)
        Assert.Equal(1.0, FittingnessCalculator.SpeedTerm(1e200, 2), Tolerance.Abs);
    }

    [Fact]
    public void SpeedFittingness_UsesMuForUplinkAndDeltaForDownlink()
    {
        // s(40/25, 0.8) · s(35/30, 0.6) = 0.5929086912535133 · 0.5231061325848686 = 0.31015417245758126
        //   (1.6^0.8 = 1.4569822...; (7/6)^0.6 = 1.0967548... → 1.0967548/2.0967548 = 0.5231061325848686)
        Assert.Equal(0.31015417245758126, FittingnessCalculator.SpeedFittingness(40, 35, 25, 30, 0.8, 0.6), Tolerance.Abs);
        // δ really weights the downlink: s(50/25, 1) · s(50/50, 0) = (2/3) · (1/2) = 1/3;
        // swapped, s(2, 0) · s(1, 1) = (1/2) · (1/2) = 1/4
        Assert.Equal(1.0 / 3, FittingnessCalculator.SpeedFittingness(50, 50, 25, 50, mu: 1, delta: 0), Tolerance.Abs);
        Assert.Equal(0.25, FittingnessCalculator.SpeedFittingness(50, 50, 25, 50, mu: 0, delta: 1), Tolerance.Abs);
    }

    [Theory]
    [InlineData(0.0, 30.0, "uplink")]
    [InlineData(25.0, 0.0, "downlink")]
    [InlineData(-1.0, 30.0, "uplink")]
    [InlineData(double.PositiveInfinity, 30.0, "uplink")]
    [InlineData(25.0, double.NaN, "downlink")]
    public void SpeedFittingness_RejectsZeroOrBadRequestedBandwidth(double uplink, double downlink, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentException>(
            () => FittingnessCalculator.SpeedFittingness(40, 35, uplink, downlink, 0.8, 0.6)).ParamName);

    [Theory]
    [InlineData(-1.0, 35.0, 0.8, 0.6, "peer uplink")]
    [InlineData(40.0, double.NaN, 0.8, 0.6, "peer downlink")]
    [InlineData(40.0, 35.0, -0.1, 0.6, "mu")]
    [InlineData(40.0, 35.0, 0.8, double.NegativeInfinity, "delta")]
    public void SpeedFittingness_RejectsBadPeerSpeedsAndWeights(double peerUp, double peerDown, double mu, double delta, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentException>(
            () => FittingnessCalculator.SpeedFittingness(peerUp, peerDown, 25, 30, mu, delta)).ParamName);

    private static PeerScoreRow ExampleRow()
    {
        // the row of the scenario example: p1 heard since t = 0, CU 50, RSSI 125, 40/35 MB/s, feedback 0.7, price 0.3
        var row = new PeerScoreRow(uplink: 40, downlink: 35, lastPrice: 0.3, feedback: 0.7);
        row.RecordBeacon(0, 50, 125, 30_000);
        return row;
    }

    [Fact]
    public void Components_AreTheSixFactors()
    {
        var c = FittingnessCalculator.Components(ExampleRow(), Request, 3_600_000, AuctionParameters.Default)!.Value;
        Assert.Equal(0.7, c.Price, Tolerance.Abs);                    // ((1 − 0.3/0.5) + 1) / 2
        Assert.Equal(0.31015417245758126, c.Speed, Tolerance.Abs);    // as above
        Assert.Equal(0.520821285372743, c.Uptime, Tolerance.Abs);     // σ(3 600 000 / 43 200 000)
        Assert.Equal(0.8331117190193006, c.Load, Tolerance.Abs);      // σ(205 / 127.5)
        Assert.Equal(0.7271860219039707, c.Strength, Tolerance.Abs);  // σ(125 / 127.5)
        Assert.Equal(0.7, c.Feedback, Tolerance.Abs);
        // FF = 0.7 · 0.31015417245758126 · 0.520821285372743 · 0.8331117190193006 · 0.7271860219039707 · 0.7
        //    = 0.21710792072030688 · 0.520821285372743 · ... = 0.04795249391150782
        Assert.Equal(0.04795249391150782, c.Factor, Tolerance.Abs);
    }

    [Fact]
    public void Fittingness_IsTheProductForARowWithBeacons() =>
        Assert.Equal(0.04795249391150782, FittingnessCalculator.Fittingness(ExampleRow(), Request, 3_600_000, AuctionParameters.Default), Tolerance.Abs);

    [Fact]
    public void Fittingness_PeerNeverHeardFromGetsTheDefault()
    {
        var parameters = AuctionParameters.Default with { DefaultPeerFf = 0.125 };
        Assert.Equal(0.125, FittingnessCalculator.Fittingness(null, Request, 3_600_000, parameters));
        var silent = new PeerScoreRow(40, 35, 0.3, 0.7); // a row without any beacon
        Assert.Null(FittingnessCalculator.Components(silent, Request, 3_600_000, parameters));
        Assert.Equal(0.125, FittingnessCalculator.Fittingness(silent, Request, 3_600_000, parameters));
        Assert.Equal(0.0, FittingnessCalculator.Fittingness(null, Request, 3_600_000, AuctionParameters.Default));
    }

    [Fact]
    public void Fittingness_RejectsNonFiniteFeedback()
    {
        var row = ExampleRow();
        row.Feedback = double.NaN;
        Assert.Equal("feedback", Assert.Throws<ArgumentException>(
            () => FittingnessCalculator.Fittingness(row, Request, 3_600_000, AuctionParameters.Default)).ParamName);
    }

    [Fact]
    public void Validate_AcceptsAGoodRequest() => FittingnessCalculator.Validate(Request);

    public static TheoryData<Qos, string> BadRequests => new()
    {
        { Request with { Price = 0 }, "price" },
        { Request with { Price = double.NaN }, "price" },
        { Request with { Uplink = 0 }, "uplink" },
        { Request with { Uplink = double.PositiveInfinity }, "uplink" },
        { Request with { Downlink = -5 }, "downlink" },
        { Request with { Mu = -1 }, "mu" },
        { Request with { Delta = double.NaN }, "delta" },
        { Request with { Epsilon = 0.5 }, "epsilon" },
        { Request with { FlowSizeMb = 0 }, "flow_size" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Validate_NamesTheBadField(Qos qos, string field)
    {
        var ex = Assert.Throws<ArgumentException>(() => FittingnessCalculator.Validate(qos));
        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message);
    }
}
