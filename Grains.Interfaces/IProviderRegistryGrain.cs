using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Interfaces;

/// <summary>The cluster's list of providers, fed by the providers' own heartbeats; keyed by <see cref="DefaultKey"/>.</summary>
public interface IProviderRegistryGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>Records that the provider is alive and returns every provider the registry knows.</summary>
    [ResponseTimeout("00:00:05")]
    Task<IReadOnlyList<ProviderInfo>> Heartbeat(ProviderInfo provider);

    /// <summary>Every provider ever registered, with when it was last seen.</summary>
    [ResponseTimeout("00:00:05")]
    Task<IReadOnlyList<ProviderInfo>> GetProviders();
}
