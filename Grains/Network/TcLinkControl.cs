using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Network;

/// <summary>
/// The lab's and the containers' link control: shapes the provider's interface in place (<see cref="TcLinkShaper"/>,
/// rates and netem impairment) and takes its link down or up for its users (<see cref="LinkOutageSwitch"/>), each only
/// when it differs from what this control applied last. Changes are applied one at a time.
/// </summary>
public sealed class TcLinkControl(TcLinkControlOptions options, TcLinkShaper shaper, LinkOutageSwitch outage) : ILinkControl
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LinkShape? _shaped;
    private bool? _down;

    public async Task ApplyAsync(string providerId, ProviderLinkState link, LinkImpairment? impairment, CancellationToken cancellationToken)
    {
        if (providerId != options.ProviderId)
            throw new ArgumentException($"this silo controls the link of {options.ProviderId}, not of {providerId}.", nameof(providerId));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (shape, down) = Changes(options, link, impairment, _shaped, _down);
            if (shape is not null)
            {
                await shaper.ApplyAsync(shape, cancellationToken).ConfigureAwait(false);
                _shaped = shape;
            }
            if (down is { } d)
            {
                await outage.SetAsync(NamespaceOf(options), options.Iperf3BasePort, options.Iperf3PortCount, d, cancellationToken).ConfigureAwait(false);
                _down = d;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// What applying <paramref name="link"/> changes after <paramref name="shaped"/> and <paramref name="down"/> (null: not
    /// applied yet): the shape to apply, or null when it is in place; the outage to set, or null when it is as wanted.
    /// </summary>
    public static (LinkShape? Shape, bool? Down) Changes(
        TcLinkControlOptions options, ProviderLinkState link, LinkImpairment? impairment, LinkShape? shaped, bool? down)
    {
        var shape = new LinkShape(options.Interface, NamespaceOf(options), link.ShapedUplink, link.ShapedDownlink, options.Mtu)
        {
            Impairment = impairment is { IsNone: false } ? impairment : null,
        };
        return (shape == shaped ? null : shape, down == !link.Up ? null : !link.Up);
    }

    private static NetworkNamespace NamespaceOf(TcLinkControlOptions options) => options.Namespace is { } name ? new NetworkNamespace(name) : NetworkNamespace.Root;
}
