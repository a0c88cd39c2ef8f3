using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Providers;

/// <summary>Where a silo finds the configuration of the provider grains it hosts.</summary>
public interface IProviderCatalog
{
    ProviderConfig? Find(string providerId);

    /// <summary>Every provider configured on this silo.</summary>
    IReadOnlyCollection<ProviderConfig> All { get; }
}
