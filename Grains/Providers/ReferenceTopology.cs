using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Grains.Providers;

/// <summary>
/// The one function that decides the providers of every mode (lab, container, simulated): provider i asks
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

    public static IReadOnlyList<ProviderConfig> Create(
        int count = 10,
        AuctionParameters? parameters = null,
        int seed = 1,
        string idPrefix = "provider-",
        string host = "127.0.0.1",
        int basePort = 5201,
        int portsPerProvider = 4,
        int? faulty = null,
        AdversarySettings? adversary = null)
    {
        if (count < 2) throw new ArgumentException($"count must be ≥ 2, got {count}.", nameof(count));
        int faultyCount = faulty ?? DefaultFaultyCount(count);
        if (faultyCount < 0 || faultyCount > count)
            throw new ArgumentException($"faulty_providers must be between 0 and {count} (the provider count), got {faultyCount}.", nameof(faulty));
        var settings = adversary ?? AdversarySettings.Liar;
        var kind = AdversaryRegistry.Of(settings);
        int honest = count - faultyCount;
        var faultyIds = Enumerable.Range(honest, faultyCount).Select(i => idPrefix + i).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            bool isFaulty = i >= honest;
            double claim = (i + 1) * 10.0;
            double shaped = ShapedRate(isFaulty, kind, claim);
            return new ProviderConfig
            {
                Id = idPrefix + i,
                AskPrice = Math.Round(0.2 + 0.1 * (i % 5), 10),
                ClaimedUplink = claim,
                ClaimedDownlink = claim,
                Faulty = isFaulty,
                Seed = unchecked(seed * 7919 + i),
                Endpoint = new LinkEndpoint(host, basePort + i * portsPerProvider, portsPerProvider, shaped, shaped),
                Parameters = parameters ?? AuctionParameters.Default,
                Adversary = settings,
                Allies = isFaulty && kind.GetsAllies ? faultyIds.Where(id => id != idPrefix + i).ToArray() : [],
            };
        }).ToArray();
    }
}
