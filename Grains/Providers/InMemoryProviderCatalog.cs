using System.Collections.Concurrent;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Providers;

/// <summary>A provider catalog filled at start-up (from configuration, a topology or a test).</summary>
public sealed class InMemoryProviderCatalog : IProviderCatalog
{
    private readonly ConcurrentDictionary<string, ProviderConfig> _configs = new(StringComparer.Ordinal);

    public ProviderConfig? Find(string providerId) => _configs.GetValueOrDefault(providerId);

    public IReadOnlyCollection<ProviderConfig> All => _configs.Values.ToArray();

    public void Add(ProviderConfig config)
    {
        ProviderConfigValidator.Validate(config);
        _configs[config.Id] = config;
    }

    public void AddRange(IEnumerable<ProviderConfig> configs)
    {
        foreach (var config in configs) Add(config);
    }
}
