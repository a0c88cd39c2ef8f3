using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Grains.Consumers;

/// <summary>
/// Scores of the baseline strategies, from the providers' own offers only: naive (PF · SF of the claims),
/// cheapest (the negated ask) and random (a uniform draw seeded by the request's sequence number and QoS, which
/// the experiment's seed fixes, so a run replays).
/// The highest score wins, with the auction's tie rules.
/// </summary>
public static class BaselineSelector
{
    public static IReadOnlyDictionary<string, double> Score(string strategy, IReadOnlyCollection<AdvertisedOffer> offers, Qos qos, int? sequence)
    {
        var ordered = offers.OrderBy(o => o.ProviderId, StringComparer.Ordinal).ToArray();
        switch (strategy)
        {
            case Strategies.Naive:
                return NaiveSelector.Decide(ordered.Select(o => new ProviderOffer(o.ProviderId, o.AskPrice, o.Uplink, o.Downlink)).ToArray(), qos).FinalScores;
            case Strategies.Cheapest:
                return ordered.ToDictionary(o => o.ProviderId, o => -o.AskPrice, StringComparer.Ordinal);
            case Strategies.Random:
                var random = new Random(ReplaySeed(qos, sequence));
                return ordered.ToDictionary(o => o.ProviderId, _ => random.NextDouble(), StringComparer.Ordinal);
            default:
                throw new ArgumentException($"strategy '{strategy}' is not a baseline strategy.", nameof(strategy));
        }
    }

    /// <summary>A seed that depends only on what the experiment's seed fixes (string hashes are randomised per process).</summary>
    private static int ReplaySeed(Qos qos, int? sequence)
    {
        ulong hash = 14695981039346656037UL;
        foreach (double value in new[] { qos.Price, qos.Uplink, qos.Downlink, qos.Mu, qos.Delta, qos.Epsilon, qos.FlowSizeMb, sequence ?? -1 })
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(value)) * 1099511628211UL;
        return (int)(hash ^ (hash >> 32));
    }
}
