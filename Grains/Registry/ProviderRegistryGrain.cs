using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;

namespace Auction.Grains.Registry;

/// <summary>
/// The list of providers, kept by their heartbeats. It never calls out, so it needs no reentrancy; it lives in
/// memory, and the providers' next heartbeats fill it again after a restart.
/// </summary>
[ConsumerSiloPlacement]
public sealed class ProviderRegistryGrain(AuctionClock clock) : Grain, IProviderRegistryGrain
{
    private readonly SortedDictionary<string, ProviderInfo> _providers = new(StringComparer.Ordinal);
    private IReadOnlyList<ProviderInfo>? _snapshot;

    public Task<IReadOnlyList<ProviderInfo>> Heartbeat(ProviderInfo provider)
    {
        _providers[provider.Id] = provider with { LastSeen = clock.UtcNow };
        _snapshot = null;
        return GetProviders();
    }

    public Task<IReadOnlyList<ProviderInfo>> GetProviders() => Task.FromResult(_snapshot ??= _providers.Values.ToArray());
}
