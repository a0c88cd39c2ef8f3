using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Silo.Configuration;

namespace Auction.Silo;

/// <summary>
/// A provider silo's own link (lab and container modes): before the silo joins the cluster, refuses a world that needs
/// netem where the kernel has none, or takes the link down where iptables does not work, and shapes the interface to the provider's initial state (its world entry's, or
/// the reference topology's); removes the shaping when the silo stops. Runs as root; fails start-up with one sentence
/// when it is not root or the kernel lacks a tc feature.
/// </summary>
public sealed class ProviderLinkService(SiloPlan plan, TcLinkShaper shaper, LinkOutageSwitch outage, ProviderLinkControl link, ILogger<ProviderLinkService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = plan.Providers.Single();
        if (!Environment.IsPrivilegedProcess)
            throw new SiloStartupException($"shaping {plan.Settings.Network.Interface} with tc needs root; run the provider silo as root (or use Auction:Network:Mode=simulated).");
        try
        {
            if (plan.World is not null && await NetemRefusal.CheckAsync(plan.Settings.World.File!, provider.Id, WorldNetem.Demands(plan.World, provider.Id),
                    ct => shaper.NetemMissingAsync(NetworkNamespace.Root, ct), cancellationToken) is { } refusal)
                throw new SiloStartupException(refusal);
            if (plan.World is not null && await OutageRefusal.CheckAsync(plan.Settings.World.File!, plan.World, provider.Id,
                    ct => outage.MissingAsync(NetworkNamespace.Root, provider.Endpoint.BasePort, provider.Endpoint.PortCount, ct), cancellationToken) is { } outageRefusal)
                throw new SiloStartupException(outageRefusal);
            var initial = new ProviderLinkState(provider.Endpoint.ShapedUplink, provider.Endpoint.ShapedDownlink, Up: true, Step: -1);
            await link.ApplyAsync(provider.Id, initial, WorldNetem.InitialImpairment(plan.World, provider.Id), cancellationToken);
        }
        catch (LinkShapingException e)
        {
            throw new SiloStartupException(e.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await link.RemoveAsync(cancellationToken);
        }
        catch (Exception e) when (e is LinkShapingException or ExternalProcessException)
        {
            logger.LogWarning("Could not remove the shaping of {Interface}: {Error}", plan.Settings.Network.Interface, e.Message);
        }
    }
}
