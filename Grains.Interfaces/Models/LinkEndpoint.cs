namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// Where a consumer sends a provider's flow: its iperf3 servers, and the rates its link is really shaped to and
/// whether it is down (used only by the simulated link; in the lab the link itself is shaped or cut).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LinkEndpoint(
    [property: Id(0)] string Host,
    [property: Id(1)] int BasePort,
    [property: Id(2)] int PortCount,
    [property: Id(3)] double ShapedUplink,
    [property: Id(4)] double ShapedDownlink)
{
    /// <summary>The provider's world took its link down: a simulated flow through it fails.</summary>
    [Id(5)] public bool Down { get; init; }
}
