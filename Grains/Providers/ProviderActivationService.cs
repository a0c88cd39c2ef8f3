using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Polly;
using Polly.Retry;

namespace Auction.Grains.Providers;

/// <summary>
/// Once the silo runs, registers the providers it hosts with the registry and activates them, so that they beacon
/// without waiting for a first auction. Every way of hosting a silo (the silo program, the in-process simulated
/// cluster, the tests' clusters) gets it from <see cref="AuctionSiloBuilderExtensions.AddAuction"/>.
/// </summary>
public sealed class ProviderActivationService(
    SiloAssignment assignment, IProviderCatalog catalog, IGrainFactory grains, ILogger<ProviderActivationService> logger,
    IClusterMembershipService membership, ILocalSiloDetails local, ISiloMetadataCache metadata,
    AuctionClock clock) : IHostedService
{
    private static readonly ResiliencePropertyKey<string> ProviderKey = new("auction.provider");

    // How long to wait for the other silos' metadata before deciding that none of them serves our provider.
    private static readonly TimeSpan ClaimCheckGrace = TimeSpan.FromSeconds(5);

    // A provider silo may come up before the consumer silo that hosts the registry: keep trying this long.
    private static readonly TimeSpan ActivationDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private TimeProvider Time => clock.Time;

    /// <summary>The providers this silo hosts: its own in a provider silo, every one of its catalog in a silo for everything.</summary>
    private IReadOnlyList<ProviderConfig> Hosted => assignment.Role switch
    {
        SiloRoles.Provider => assignment.OwnedProviders.Select(id => catalog.Find(id)
            ?? throw new InvalidOperationException($"provider '{id}' is owned by this silo but not in its provider catalog.")).ToArray(),
        SiloRoles.All => catalog.All.OrderBy(p => p.Id, StringComparer.Ordinal).ToArray(),
        _ => [],
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var hosted = Hosted;
        if (hosted.Count == 0) return;
        if (assignment.Role == SiloRoles.Provider) await RefuseTakeOverAsync(cancellationToken);
        var retry = RetryUntil(Time.GetUtcNow() + ActivationDeadline);
        var registry = grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
        // Every provider is in the registry before any of them starts, so each one's first beacon tick (which fires
        // on activation) already reaches every peer, whatever the beacon interval.
        foreach (var provider in hosted)
        {
            await Run(retry, provider.Id, cancellationToken, async ct =>
                await registry.Heartbeat(new ProviderInfo(provider.Id, provider.Faulty, clock.UtcNow)).WaitAsync(CallTimeout, Time, ct));
        }
        foreach (var provider in hosted)
        {
            var info = await Run(retry, provider.Id, cancellationToken, async ct =>
                await grains.GetGrain<IProviderGrain>(provider.Id).Start().WaitAsync(CallTimeout, Time, ct));
            logger.LogInformation("Provider {Provider} is active (faulty: {Faulty})", info.Id, info.Faulty);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Each call bounded by <see cref="CallTimeout"/>; retried after 1 s, 2 s, … then every 5 s until the deadline, whose last error is thrown.</summary>
    private ResiliencePipeline RetryUntil(DateTimeOffset deadline) => new ResiliencePipelineBuilder { TimeProvider = Time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e && e is not OperationCanceledException && Time.GetUtcNow() < deadline),
            MaxRetryAttempts = int.MaxValue,
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(TimeSpan.FromSeconds(Math.Min(5, args.AttemptNumber + 1))),
            OnRetry = args =>
            {
                logger.LogWarning("Provider {Provider} not active yet (attempt {Attempt}): {Error}",
                    args.Context.Properties.GetValue(ProviderKey, ""), args.AttemptNumber + 1, args.Outcome.Exception!.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private static async Task<T> Run<T>(ResiliencePipeline retry, string providerId, CancellationToken cancellationToken, Func<CancellationToken, Task<T>> call)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ProviderKey, providerId);
        try
        {
            return await retry.ExecuteAsync(static async (ctx, call) => await call(ctx.CancellationToken), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A provider that a live silo, started earlier, already serves is not taken over: this silo stops, the first
    /// keeps it. (Placement prefers the first claimant anyway; this makes the refusal visible.)
    /// </summary>
    private async Task RefuseTakeOverAsync(CancellationToken cancellationToken)
    {
        // until every other live silo's metadata is known (at most ClaimCheckGrace), refusing as soon as one claims first
        await WaitUntil.TrueAsync(() => !UnknownClaims(), TimeSpan.FromMilliseconds(200), ClaimCheckGrace, Time, cancellationToken);
    }

    /// <summary>True while some live silo's metadata is not known yet; throws when one that started first serves our provider.</summary>
    private bool UnknownClaims()
    {
        var others = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress))
            .Select(m => m.SiloAddress).ToList();
        bool unknown = false;
        foreach (var provider in assignment.OwnedProviders)
        {
            foreach (var silo in others)
            {
                if (SiloRoles.HostedProviders(metadata.GetSiloMetadata(silo).Metadata) is not { } ids)
                {
                    unknown = true;
                    continue;
                }
                if (ids.Contains(provider, StringComparer.Ordinal) && silo.Generation < local.SiloAddress.Generation)
                    throw new ProviderClaimedException(
                        $"Auction:Provider:Id '{provider}' is already served by the live silo at {silo.Endpoint}, which started first; a second silo may not take it over.");
            }
        }
        return unknown;
    }
}
