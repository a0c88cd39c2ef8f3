using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Providers;

/// <summary>
/// The reference experiment's providers: provider i asks 0.2 + 0.1·(i mod 5) and claims (i+1)·10 MB/s both ways;
/// the first half is honest and shaped to its claim, the second half is faulty and shaped to 1 MB/s.
/// </summary>
public static class ReferenceTopology
{
    public const double FaultyShapedRate = 1;

    public static IReadOnlyList<ProviderConfig> Create(
        int count = 10,
        AuctionParameters? parameters = null,
        int seed = 1,
        string idPrefix = "provider-",
        string host = "127.0.0.1",
        int basePort = 5201,
        int portsPerProvider = 4)
    {
        if (count < 2) throw new ArgumentException($"count must be ≥ 2, got {count}.", nameof(count));
        int honest = (count + 1) / 2;
        return Enumerable.Range(0, count).Select(i =>
        {
            bool faulty = i >= honest;
            double claim = (i + 1) * 10.0;
            double shaped = faulty ? FaultyShapedRate : claim;
            return new ProviderConfig
            {
                Id = idPrefix + i,
                AskPrice = Math.Round(0.2 + 0.1 * (i % 5), 10),
                ClaimedUplink = claim,
                ClaimedDownlink = claim,
                Faulty = faulty,
                Seed = unchecked(seed * 7919 + i),
                Endpoint = new LinkEndpoint(host, basePort + i * portsPerProvider, portsPerProvider, shaped, shaped),
                Parameters = parameters ?? AuctionParameters.Default,
            };
        }).ToArray();
    }
}
