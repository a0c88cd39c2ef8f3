using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Network;

/// <summary>
/// Changes a provider's real link while it runs: its shaped rates, delay, jitter and loss in place (tc replace) and
/// an outage (<see cref="LinkOutageSwitch"/>); never by tearing down the link a flow is using. The simulated mode's
/// link has nothing to change: its flows read the rates from the provider's endpoint.
/// </summary>
public interface ILinkControl
{
    /// <summary>Applies <paramref name="link"/> (with <paramref name="impairment"/>, if any) to <paramref name="providerId"/>'s link.</summary>
    Task ApplyAsync(string providerId, ProviderLinkState link, LinkImpairment? impairment, CancellationToken cancellationToken);
}
