using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Network;

/// <summary>
/// The link abstraction: moves one flow of <paramref name="flowSizeMb"/> MB up and the same down through a
/// provider's link and reports what it measured. Implementations: simulated (size / shaped rate) and iperf3.
/// </summary>
public interface IFlowRunner
{
    Task<FlowResult> RunAsync(string providerId, LinkEndpoint endpoint, double flowSizeMb, CancellationToken cancellationToken);
}
