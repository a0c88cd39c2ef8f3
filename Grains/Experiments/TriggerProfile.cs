namespace Auction.Grains.Experiments;

/// <summary>The distributions a trigger draws each request's interval (seconds) and QoS fields from.</summary>
public sealed record TriggerProfile(
    ClampedNormalSpec IntervalSeconds,
    ClampedNormalSpec Uplink,
    ClampedNormalSpec Downlink,
    ClampedNormalSpec Price,
    ClampedNormalSpec Mu,
    ClampedNormalSpec Delta,
    ClampedNormalSpec Epsilon,
    ClampedNormalSpec FlowSize)
{
    /// <summary>The reference trigger distributions (those of examples/reference-trigger.json).</summary>
    public static TriggerProfile Reference { get; } = new(
        IntervalSeconds: new(60, 10, 30, 120),
        Uplink: new(25, 12.5, 5, 50),
        Downlink: new(25, 12.5, 5, 50),
        Price: new(0.5, 0.25, 0.1, 1),
        Mu: new(0.8, 0.2, 0.1, 0.99),
        Delta: new(0.8, 0.2, 0.1, 0.99),
        Epsilon: new(2, 1, 1, 3),
        FlowSize: new(500, 250, 100, 1024));
}
