using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Consumers;

/// <summary>A consumer silo's defaults: the parameters a request without its own takes, the flow time limit and the simulation's stall bound.</summary>
public sealed class ConsumerOptions
{
    public AuctionParameters Parameters { get; set; } = AuctionParameters.Default;

    /// <summary>Longest a flow may take before it is recorded as failed.</summary>
    public TimeSpan FlowTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On a virtual clock (<see cref="PhaseWait"/>), the most real time a phase waits for every participant before the
    /// transaction fails as stalled; providers wait twice as long.
    /// </summary>
    public TimeSpan SimulationStallBound { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a provider keeps counting a won flow whose TRANSACTION_END never came: a minute past the moment the
    /// consumer gives up on the flow, so a flow that legitimately runs to its limit still counts in its provider's load.
    /// </summary>
    public TimeSpan FlowExpiry => FlowTimeout + TimeSpan.FromMinutes(1);
}
