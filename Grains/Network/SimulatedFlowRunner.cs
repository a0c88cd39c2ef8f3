using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Network;

/// <summary>
/// The simulated link: a flow takes size / shaped rate in each direction (both run concurrently) and measures
/// exactly the shaped rate. It really waits that long times <paramref name="timeScale"/> (0: not at all).
/// </summary>
public sealed class SimulatedFlowRunner(AuctionClock clock, double timeScale = 0) : IFlowRunner
{
    public async Task<FlowResult> RunAsync(string providerId, LinkEndpoint endpoint, double flowSizeMb, CancellationToken cancellationToken)
    {
        var startedAt = clock.UtcNow;
        var duration = TimeSpan.FromSeconds(Math.Max(flowSizeMb / endpoint.ShapedUplink, flowSizeMb / endpoint.ShapedDownlink));
        if (timeScale > 0) await Task.Delay(duration * timeScale, cancellationToken);
        return new FlowResult(true, endpoint.ShapedUplink, endpoint.ShapedDownlink, startedAt, startedAt + duration, Simulated: true, Error: null);
    }
}
