using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Grains.Consumers;

/// <summary>
/// Scores of the baseline strategies, from the providers' own offers only: naive (PF · SF of the claims),
/// cheapest (the negated ask) and random (a uniform draw seeded by the transaction id, so a run replays).
/// The highest score wins, with the auction's tie rules.
/// </summary>
public static class BaselineSelector
{
    public static IReadOnlyDictionary<string, double> Score(string strategy, IReadOnlyCollection<AdvertisedOffer> offers, Qos qos, Guid transactionId)
    {
        var ordered = offers.OrderBy(o => o.ProviderId, StringComparer.Ordinal).ToArray();
        switch (strategy)
        {
            case Strategies.Naive:
                return NaiveSelector.Decide(ordered.Select(o => new ProviderOffer(o.ProviderId, o.AskPrice, o.Uplink, o.Downlink)).ToArray(), qos).FinalScores;
            case Strategies.Cheapest:
                return ordered.ToDictionary(o => o.ProviderId, o => -o.AskPrice, StringComparer.Ordinal);
            case Strategies.Random:
                var random = new Random(BitConverter.ToInt32(transactionId.ToByteArray(), 0));
                return ordered.ToDictionary(o => o.ProviderId, _ => random.NextDouble(), StringComparer.Ordinal);
            default:
                throw new ArgumentException($"strategy '{strategy}' is not a baseline strategy.", nameof(strategy));
        }
    }
}
