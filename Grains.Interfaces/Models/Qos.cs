namespace Auction.Grains.Interfaces.Models;

/// <summary>The quality of service a consumer asks for in one purchase request (bandwidth in MB/s, flow size in MB).</summary>
[GenerateSerializer, Immutable]
public sealed record Qos(
    [property: Id(0)] double Price,
    [property: Id(1)] double Uplink,
    [property: Id(2)] double Downlink,
    [property: Id(3)] double Mu,
    [property: Id(4)] double Delta,
    [property: Id(5)] double Epsilon,
    [property: Id(6)] double FlowSizeMb);
