using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Silo.Configuration;

namespace Auction.Silo;

/// <summary>
/// A provider silo's own link in the lab and containers (<see cref="ILinkControl"/>): the rates, delay, jitter and loss
/// of its interface changed in place with <see cref="TcLinkShaper"/>, and its outage with <see cref="LinkOutageSwitch"/>
/// on its iperf3 ports. One change at a time: a timer's step and a request's step never interleave their commands.
/// </summary>
public sealed class ProviderLinkControl(SiloPlan plan, TcLinkShaper shaper, LinkOutageSwitch outage, ILogger<ProviderLinkControl> logger) : ILinkControl, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ProviderConfig _provider = plan.Providers.Single();
    // iptables is touched only once a link went down: a world without outages needs no iptables on the machine
    private bool _down;
    // anything applied (even in part), so that RemoveAsync has something to undo
    private bool _applied;

    private string Interface => plan.Settings.Network.Interface;

    public async Task ApplyAsync(string providerId, ProviderLinkState link, LinkImpairment? impairment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (providerId != _provider.Id)
            throw new ArgumentException($"this silo controls the link of '{_provider.Id}' only, got '{providerId}'.", nameof(providerId));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var shape = new LinkShape(Interface, NetworkNamespace.Root, link.ShapedUplink, link.ShapedDownlink) { Impairment = impairment };
            // down: cut the flows before the new shape, so none runs at a rate the link no longer has; up: the reverse
            if (!link.Up) await SetOutageAsync(down: true, cancellationToken).ConfigureAwait(false);
            _applied = true;
            await shaper.ApplyAsync(shape, cancellationToken).ConfigureAwait(false);
            if (link.Up && _down) await SetOutageAsync(down: false, cancellationToken).ConfigureAwait(false);
            // the first line of it is what operators and the container test look for: "Shaped eth0 for provider-3: …"
            logger.LogInformation("Shaped {Interface} for {Provider}: uplink {Up} MB/s, downlink {Down} MB/s, link {State}, world step {Step}",
                Interface, _provider.Id, link.ShapedUplink, link.ShapedDownlink, link.Up ? "up" : "down", link.Step);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes the shaping and any outage rule: the interface as it was before the silo started.</summary>
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        if (!_applied) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_down) await SetOutageAsync(down: false, cancellationToken).ConfigureAwait(false);
            await shaper.RemoveAsync(Interface, NetworkNamespace.Root, cancellationToken).ConfigureAwait(false);
            _applied = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task SetOutageAsync(bool down, CancellationToken cancellationToken)
    {
        await outage.SetAsync(NetworkNamespace.Root, _provider.Endpoint.BasePort, _provider.Endpoint.PortCount, down, cancellationToken).ConfigureAwait(false);
        _down = down;
    }
}
