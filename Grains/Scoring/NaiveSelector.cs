using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring;

/// <summary>A provider's self-advertised offer, all the naive strategy looks at.</summary>
public sealed record ProviderOffer(string ProviderId, double AskPrice, double Uplink, double Downlink);

/// <summary>The naive strategy: argmax of PF · SF computed from the providers' own claims (same tie rules as the auction).</summary>
public static class NaiveSelector
{
    public static AuctionDecision Decide(IReadOnlyCollection<ProviderOffer> offers, Qos qos)
    {
        var scores = offers.ToDictionary(
            o => o.ProviderId,
            o => FittingnessCalculator.PriceFittingness(o.AskPrice, qos.Price, qos.Epsilon)
                 * FittingnessCalculator.SpeedFittingness(o.Uplink, o.Downlink, qos.Uplink, qos.Downlink, qos.Mu, qos.Delta),
            StringComparer.Ordinal);
        var prices = offers.ToDictionary(o => o.ProviderId, o => o.AskPrice, StringComparer.Ordinal);
        return new AuctionDecision(scores, DecisionMaker.PickBest(scores.Select(kv => (kv.Key, kv.Value)), prices));
    }
}
