namespace Auction.Grains.Worlds;

/// <summary>Where the providers' iperf3 servers listen: provider i on <see cref="BasePort"/> + i · <see cref="PortsPerProvider"/> of <see cref="Host"/>.</summary>
public sealed record EndpointLayout(string Host = "127.0.0.1", int BasePort = 5201, int PortsPerProvider = 4)
{
    public static EndpointLayout Default { get; } = new();
}
