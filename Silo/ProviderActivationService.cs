using Orleans.Runtime.MembershipService.SiloMetadata;
using Auction.Grains.Interfaces;
using Auction.Silo.Configuration;
using Auction.Grains.Resilience;
using Polly;
using Polly.Retry;

namespace Auction.Silo;

/// <summary>
/// Once the silo runs, activates the provider grains it owns, so that they register and start beaconing
/// without waiting for a first auction.
/// </summary>
public sealed class ProviderActivationService(
    SiloPlan plan, IGrainFactory grains, ILogger<ProviderActivationService> logger,
    IClusterMembershipService membership, ILocalSiloDetails local, ISiloMetadataCache metadata,
    TimeProvider time) : IHostedService
{
    private static readonly ResiliencePropertyKey<string> ProviderKey = new("auction.provider");

    // How long to wait for the other silos' metadata before deciding that none of them serves our provider.
    private static readonly TimeSpan ClaimCheckGrace = TimeSpan.FromSeconds(5);

    // A provider silo may come up before the consumer silo that hosts the registry: keep trying this long.
    private static readonly TimeSpan ActivationDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (plan.Role == Auction.Grains.Placement.SiloRoles.Provider) await RefuseTakeOverAsync(cancellationToken);
        var deadline = time.GetUtcNow() + ActivationDeadline;
        // each call bounded by CallTimeout; retried 1 s, 2 s, … then every 5 s until the deadline, whose last error is thrown
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && e is not OperationCanceledException && time.GetUtcNow() < deadline),
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
        foreach (var provider in plan.Providers)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(ProviderKey, provider.Id);
            try
            {
                var info = await retry.ExecuteAsync(
                    static async (ctx, state) => await state.Grains.GetGrain<IProviderGrain>(state.Id).Start()
                        .WaitAsync(CallTimeout, state.Time, ctx.CancellationToken),
                    context, (Grains: grains, provider.Id, Time: time));
                logger.LogInformation("Provider {Provider} is active (faulty: {Faulty})", info.Id, info.Faulty);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
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
        // until every other live silo's metadata is known (at most ClaimCheckGrace), refusing as soon as one claims first
        await WaitUntil.TrueAsync(() => !UnknownClaims(), TimeSpan.FromMilliseconds(200), ClaimCheckGrace, time, cancellationToken);
    }

    /// <summary>True while some live silo's metadata is not known yet; throws when one that started first serves our provider.</summary>
    private bool UnknownClaims()
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
        return unknown;
    }
}
