using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Grains.Experiments;

/// <summary>One request of an experiment: how long after the previous one it fires, and its QoS.</summary>
public sealed record PlannedRequest(int Sequence, TimeSpan Interval, Qos Qos);

/// <summary>
/// Draws an experiment's whole request sequence from one seed, so that two runs (or two strategies) see the
/// same requests. Fields are drawn in a fixed order per request: interval, uplink, downlink, price, mu, delta,
/// epsilon, flow size.
/// </summary>
public static class RequestSequence
{
    public static IReadOnlyList<PlannedRequest> Generate(TriggerProfile profile, int count, int seed)
    {
        if (count < 0) throw new ArgumentException($"buy_event_count must be ≥ 0, got {count}.", nameof(count));
        var random = new ClampedNormal(seed);
        double Draw(ClampedNormalSpec s) => random.Next(s.Mean, s.StdDev, s.Lowest, s.Highest);
        var requests = new PlannedRequest[count];
        for (int i = 0; i < count; i++)
        {
            var interval = TimeSpan.FromSeconds(Draw(profile.IntervalSeconds));
            var qos = new Qos(
                Uplink: Draw(profile.Uplink), Downlink: Draw(profile.Downlink), Price: Draw(profile.Price),
                Mu: Draw(profile.Mu), Delta: Draw(profile.Delta), Epsilon: Draw(profile.Epsilon), FlowSizeMb: Draw(profile.FlowSize));
            requests[i] = new PlannedRequest(i, interval, qos);
        }
        return requests;
    }
}
