using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Network;

/// <summary>The simulated mode's link control: nothing to change, since its flows read the rates and the outage from the provider's endpoint.</summary>
public sealed class SimulatedLinkControl : ILinkControl
{
    public Task ApplyAsync(string providerId, ProviderLinkState link, LinkImpairment? impairment, CancellationToken cancellationToken) => Task.CompletedTask;
}
