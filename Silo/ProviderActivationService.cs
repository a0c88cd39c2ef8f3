using Orleans.Runtime.MembershipService.SiloMetadata;
using Auction.Grains.Interfaces;
using Auction.Silo.Configuration;

namespace Auction.Silo;

/// <summary>
/// Once the silo runs, activates the provider grains it owns, so that they register and start beaconing
/// without waiting for a first auction.
/// </summary>
public sealed class ProviderActivationService(
    SiloPlan plan, IGrainFactory grains, ILogger<ProviderActivationService> logger,
    IClusterMembershipService membership, ILocalSiloDetails local, ISiloMetadataCache metadata) : IHostedService
{
    // How long to wait for the other silos' metadata before deciding that none of them serves our provider.
    private static readonly TimeSpan ClaimCheckGrace = TimeSpan.FromSeconds(5);

    // A provider silo may come up before the consumer silo that hosts the registry: keep trying this long.
    private static readonly TimeSpan ActivationDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (plan.Role == Auction.Grains.Placement.SiloRoles.Provider) await RefuseTakeOverAsync(cancellationToken);
        var deadline = DateTime.UtcNow + ActivationDeadline;
        foreach (var provider in plan.Providers)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    var info = await grains.GetGrain<IProviderGrain>(provider.Id).Start().WaitAsync(CallTimeout, cancellationToken);
                    logger.LogInformation("Provider {Provider} is active (faulty: {Faulty})", info.Id, info.Faulty);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException && DateTime.UtcNow < deadline)
                {
                    logger.LogWarning("Provider {Provider} not active yet (attempt {Attempt}): {Error}", provider.Id, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A provider that a live silo, started earlier, already serves is not taken over: this silo stops (exit 2),
    /// the first keeps it. (Placement prefers the first claimant anyway; this makes the refusal visible.)
    /// </summary>
    private async Task RefuseTakeOverAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ClaimCheckGrace;
        while (true)
        {
            var others = membership.CurrentSnapshot.Members.Values
                .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress))
                .Select(m => m.SiloAddress).ToList();
            bool unknown = false;
            foreach (var provider in plan.Providers)
            {
                foreach (var silo in others)
                {
                    if (Auction.Grains.Placement.SiloRoles.HostedProviders(metadata.GetSiloMetadata(silo).Metadata) is not { } ids)
                    {
                        unknown = true;
                        continue;
                    }
                    if (ids.Contains(provider.Id, StringComparer.Ordinal) && silo.Generation < local.SiloAddress.Generation)
                        throw new SiloConfigurationException(
                            $"Auction:Provider:Id '{provider.Id}' is already served by the live silo at {silo.Endpoint}, which started first; a second silo may not take it over.");
                }
            }
            if (!unknown || DateTime.UtcNow > deadline) return;
            await Task.Delay(200, cancellationToken);
        }
    }
}
