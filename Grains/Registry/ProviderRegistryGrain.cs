using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Orleans.GrainDirectory;

namespace Auction.Grains.Registry;

/// <summary>
/// The list of providers, kept by their heartbeats in the consumer silo's <see cref="ProviderBook"/> so that a new
/// activation knows every provider the previous one did. It never calls out, so it needs no reentrancy.
/// </summary>
[ConsumerSiloPlacement]
[GrainDirectory(AuctionGrainDirectory.Name)]
public sealed class ProviderRegistryGrain(AuctionClock clock, ProviderBook book) : Grain, IProviderRegistryGrain
{
    public Task<IReadOnlyList<ProviderInfo>> Heartbeat(ProviderInfo provider) => Task.FromResult(book.Record(provider, clock.UtcNow));

    public Task<IReadOnlyList<ProviderInfo>> GetProviders() => Task.FromResult(book.All());
}
