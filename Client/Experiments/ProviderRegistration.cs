using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Resilience;

namespace Auction.Client.Experiments;

/// <summary>The providers the registry knows, once enough of them are live (heard from within a window), or the last list when time ran out.</summary>
public sealed record RegisteredProviders(IReadOnlyList<ProviderInfo> Providers, int Live, bool Enough);

/// <summary>
/// Waits until the registry lists at least a given number of live providers: asked every 0.5 s, each answer bounded
/// by <see cref="CallTimeout"/> (a <see cref="TimeoutException"/> when the registry does not answer), the whole wait
/// bounded by its timeout.
/// </summary>
public static class ProviderRegistration
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public static async Task<RegisteredProviders> WaitForLiveAsync(
        IProviderRegistryGrain registry, int minProviders, TimeSpan liveWithin, TimeSpan timeout,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var registered = await registry.GetProviders().WaitAsync(CallTimeout, time, cancellationToken);
        int Live() => registered.Count(p => time.GetUtcNow() - p.LastSeen <= liveWithin);
        var enough = Live() >= minProviders || await WaitUntil.TrueAsync(async ct =>
        {
            registered = await registry.GetProviders().WaitAsync(CallTimeout, time, ct);
            return Live() >= minProviders;
        }, TimeSpan.FromMilliseconds(500), timeout, time, cancellationToken);
        return new RegisteredProviders(registered, Live(), enough);
    }
}
