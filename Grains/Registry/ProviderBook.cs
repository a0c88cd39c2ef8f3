using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Registry;

/// <summary>
/// The providers heard from, kept by the consumer silo for as long as it runs rather than by one activation of the
/// registry grain: an activation can end (idle collection, a directory that lost its entry), and a registry rebuilt
/// from the survivors' next heartbeats would no longer know a dead provider, so requests naming it would be refused
/// as naming an unknown provider instead of recording it as missing.
/// </summary>
public sealed class ProviderBook
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, ProviderInfo> _providers = new(StringComparer.Ordinal);
    private IReadOnlyList<ProviderInfo>? _snapshot;

    /// <summary>Records the provider as seen at <paramref name="seenAt"/> and returns every provider known.</summary>
    public IReadOnlyList<ProviderInfo> Record(ProviderInfo provider, DateTimeOffset seenAt)
    {
        lock (_gate)
        {
            _providers[provider.Id] = provider with { LastSeen = seenAt };
            _snapshot = null;
            return Snapshot();
        }
    }

    /// <summary>Every provider ever recorded, in id order, with when it was last seen.</summary>
    public IReadOnlyList<ProviderInfo> All()
    {
        lock (_gate) return Snapshot();
    }

    private IReadOnlyList<ProviderInfo> Snapshot() => _snapshot ??= _providers.Values.ToArray();
}
