namespace Auction.Grains.Interfaces.Models;

/// <summary>Where a consumer sends a provider's flow: its iperf3 servers, and the rates its link is really shaped to (used only by the simulated link).</summary>
[GenerateSerializer, Immutable]
public sealed record LinkEndpoint(
    [property: Id(0)] string Host,
    [property: Id(1)] int BasePort,
    [property: Id(2)] int PortCount,
    [property: Id(3)] double ShapedUplink,
    [property: Id(4)] double ShapedDownlink);
