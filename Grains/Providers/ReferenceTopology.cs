using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring.Adversaries;
using Auction.Grains.Worlds;

namespace Auction.Grains.Providers;

/// <summary>
/// The reference world, which every mode (lab, container, simulated) uses unless told otherwise: provider i asks
/// 0.2 + 0.1·(i mod 5) and claims (i+1)·10 MB/s both ways; the last <c>faulty</c> providers (by default the second
/// half) are faulty, the rest honest and shaped to their claim. A faulty provider's link is shaped as its adversary
/// kind says (<see cref="AdversaryKind.Link"/>: a liar or colluder to 1 MB/s; an on-off provider to its claim, as it
/// delivers 1 MB/s only while it lies), and a kind that <see cref="AdversaryKind.GetsAllies"/> (the colluder) is given the
/// other faulty providers.
/// </summary>
public static class ReferenceTopology
{
    public const double FaultyShapedRate = 1;

    /// <summary>The specification's split: the first half (rounded up) honest, the rest faulty.</summary>
    public static int DefaultFaultyCount(int count) => count - (count + 1) / 2;

    /// <summary>The rate a provider's link is shaped to: its claim, or 1 MB/s when it is faulty and its kind's link is slow.</summary>
    public static double ShapedRate(bool faulty, AdversaryKind kind, double claim) =>
        faulty && kind.Link == FaultyLink.Slow ? FaultyShapedRate : claim;

    /// <summary>The reference world of <paramref name="count"/> providers, <paramref name="faulty"/> of them faulty in the way of <paramref name="adversary"/>.</summary>
    public static World World(int count = 10, int? faulty = null, AdversarySettings? adversary = null, string idPrefix = "provider-")
    {
        if (count < 2) throw new ArgumentException($"count must be ≥ 2, got {count}.", nameof(count));
        int faultyCount = faulty ?? DefaultFaultyCount(count);
        if (faultyCount < 0 || faultyCount > count)
            throw new ArgumentException($"faulty_providers must be between 0 and {count} (the provider count), got {faultyCount}.", nameof(faulty));
        var kind = adversary ?? AdversarySettings.Liar;
        int honest = count - faultyCount;
        var faultyIds = Enumerable.Range(honest, faultyCount).Select(i => idPrefix + i).ToArray();
        var providers = Enumerable.Range(0, count).Select(i =>
        {
            var id = idPrefix + i;
            var behaviour = i < honest
                ? Behaviour.Honest
                : Behaviour.Faulty(kind, AdversaryRegistry.Of(kind).GetsAllies ? faultyIds.Where(ally => ally != id).ToArray() : []);
            var claim = LinkRates.Both((i + 1) * 10.0);
            var ask = Math.Round(0.2 + 0.1 * (i % 5), 10);
            return new WorldProvider(id, new ProviderState(ask, claim, behaviour.DefaultShaped(claim), LinkUp: true, SignalStrength: null, behaviour));
        }).ToArray();
        return new World("reference", $"{count} providers, {faultyCount} of them {AdversaryRegistry.DisplayName(kind)}", providers);
    }

    /// <summary>The providers of <see cref="World"/> as they start, with their seeds and iperf3 ports (<see cref="WorldExpansion.Expand"/>).</summary>
    public static IReadOnlyList<ProviderConfig> Create(
        int count = 10,
        AuctionParameters? parameters = null,
        int seed = 1,
        string idPrefix = "provider-",
        string host = "127.0.0.1",
        int basePort = 5201,
        int portsPerProvider = 4,
        int? faulty = null,
        AdversarySettings? adversary = null) =>
        WorldExpansion.Expand(World(count, faulty, adversary, idPrefix), seed, parameters, new EndpointLayout(host, basePort, portsPerProvider));
}
