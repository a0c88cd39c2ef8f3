using Auction.Grains.Interfaces.Models;
using Auction.Grains.Telemetry;

namespace Auction.Grains.Network;

/// <summary>
/// The simulated link: no tc, no iperf3. The upload takes size / <see cref="LinkEndpoint.ShapedUplink"/>, the
/// download size / <see cref="LinkEndpoint.ShapedDownlink"/>, both at once, so the flow lasts the longer of the two;
/// the measured speeds are the shaped rates and the result says <c>Simulated</c>; through a link that is down
/// (<see cref="LinkEndpoint.Down"/>) it fails with "link down". Delay, jitter and loss do not change its time. By default it does not sleep
/// (<paramref name="timeScale"/> 0): StartedAt/EndedAt still span the computed flow time, from the request's moment
/// on a virtual experiment clock, else from now. A positive <paramref name="timeScale"/> sleeps that fraction of the
/// flow time (1 = real time).
/// </summary>
public sealed class SimulatedFlowRunner(double timeScale = 0, TimeProvider? timeProvider = null) : IFlowRunner
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public double TimeScale { get; } = double.IsFinite(timeScale) && timeScale >= 0
        ? timeScale
        : throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "the time scale must be a finite number >= 0");

    public async Task<FlowResult> RunAsync(string providerId, LinkEndpoint endpoint, double flowSizeMb, ExperimentTime? time, CancellationToken cancellationToken)
    {
        var startedAt = time is { IsVirtual: true } ? time.At : _time.GetUtcNow();
        if (!double.IsFinite(flowSizeMb) || flowSizeMb <= 0)
        {
            return FlowResult.Failed(startedAt, startedAt, true, $"the flow size must be a positive number of MB, got {flowSizeMb}");
        }
        if (endpoint.Down)
        {
            return FlowResult.Failed(startedAt, startedAt, true, "link down");
        }
        if (!double.IsFinite(endpoint.ShapedUplink) || endpoint.ShapedUplink <= 0 ||
            !double.IsFinite(endpoint.ShapedDownlink) || endpoint.ShapedDownlink <= 0)
        {
            return FlowResult.Failed(startedAt, startedAt, true,
                $"provider {providerId} has no positive shaped rate (uplink {endpoint.ShapedUplink}, downlink {endpoint.ShapedDownlink} MB/s)");
        }
        var seconds = Math.Max(flowSizeMb / endpoint.ShapedUplink, flowSizeMb / endpoint.ShapedDownlink);
        var duration = TimeSpan.FromSeconds(seconds);
        if (TimeScale > 0)
        {
            using var running = AuctionMetrics.FlowStarted(simulated: true);
            await Task.Delay(duration * TimeScale, _time, cancellationToken).ConfigureAwait(false);
        }
        return new FlowResult(true, endpoint.ShapedUplink, endpoint.ShapedDownlink, startedAt, startedAt + duration, true, null);
    }
}
