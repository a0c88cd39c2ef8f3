namespace Auction.Grains.Network;

/// <summary>
/// Which link a provider silo's <see cref="TcLinkControl"/> changes: the provider it hosts, its provider-side
/// interface (in <see cref="Namespace"/>; null: the silo's own) and the iperf3 ports its users' flows reach.
/// </summary>
public sealed record TcLinkControlOptions(
    string ProviderId,
    string Interface,
    int Iperf3BasePort,
    int Iperf3PortCount,
    string? Namespace = null,
    int Mtu = TcShapingPlan.DefaultMtu);
