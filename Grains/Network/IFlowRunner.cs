using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Network;

/// <summary>
/// The link abstraction: moves one flow of flowSizeMb MB up and the same down through a provider's link and reports
/// what it measured. Implementations: simulated (size / shaped rate) and iperf3.
/// </summary>
public interface IFlowRunner
{
    /// <param name="time">The request's moment on its experiment's clock, or null outside an experiment; on the virtual clock the flow starts then.</param>
    Task<FlowResult> RunAsync(string providerId, LinkEndpoint endpoint, double flowSizeMb, ExperimentTime? time, CancellationToken cancellationToken);
}
