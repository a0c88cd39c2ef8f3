using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;

namespace Auction.Tests.Cluster;

/// <summary>Provider sets for cluster tests: the reference topology with fast beacons and short deadlines.</summary>
public static class ClusterTopologies
{
    public static AuctionParameters FastParameters(long deadlineMs = 500) => new()
    {
        BeaconIntervalMs = 200,
        PhaseDeadlineMs = deadlineMs,
    };

    public static IReadOnlyList<ProviderConfig> Reference(int count = 10, long deadlineMs = 500, int seed = 1) =>
        ReferenceTopology.Create(count, FastParameters(deadlineMs), seed);

    public static Qos SomeQos(double uplink = 25, double downlink = 25) =>
        new(Price: 0.5, Uplink: uplink, Downlink: downlink, Mu: 0.8, Delta: 0.8, Epsilon: 2, FlowSizeMb: 5);
}
