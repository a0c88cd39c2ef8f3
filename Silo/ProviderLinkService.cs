using Auction.Grains.Network;
using Auction.Silo.Configuration;

namespace Auction.Silo;

/// <summary>
/// A provider silo's own link (lab and container modes): shapes its interface to the provider's capacities before
/// the silo joins the cluster, and removes the shaping when the silo stops. Runs as root; fails start-up with one
/// sentence when it is not root or the kernel lacks a tc feature.
/// </summary>
public sealed class ProviderLinkService(SiloPlan plan, TcLinkShaper shaper, ILogger<ProviderLinkService> logger) : IHostedService
{
    private LinkShape? _shape;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = plan.Providers.Single();
        if (!Environment.IsPrivilegedProcess)
            throw new SiloStartupException($"shaping {plan.Settings.Network.Interface} with tc needs root; run the provider silo as root (or use Auction:Network:Mode=simulated).");
        _shape = new LinkShape(plan.Settings.Network.Interface, NetworkNamespace.Root, provider.Endpoint.ShapedUplink, provider.Endpoint.ShapedDownlink);
        try
        {
            var readback = await shaper.ApplyAsync(_shape, cancellationToken);
            logger.LogInformation("Shaped {Interface} for {Provider}: uplink {Up} MB/s, downlink {Down} MB/s ({Qdiscs})",
                _shape.Interface, provider.Id, provider.Endpoint.ShapedUplink, provider.Endpoint.ShapedDownlink, readback.QdiscText.Length);
        }
        catch (LinkShapingException e)
        {
            throw new SiloStartupException(e.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_shape is null) return;
        try
        {
            await shaper.RemoveAsync(_shape.Interface, _shape.Namespace, cancellationToken);
        }
        catch (Exception e) when (e is LinkShapingException or ExternalProcessException)
        {
            logger.LogWarning("Could not remove the shaping of {Interface}: {Error}", _shape.Interface, e.Message);
        }
    }
}
