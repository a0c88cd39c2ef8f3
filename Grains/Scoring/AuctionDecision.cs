using System.Collections.Immutable;

namespace Auction.Grains.Scoring;

/// <summary>The consumer's final scores and the winner (null when no candidate was scored).</summary>
public sealed record AuctionDecision(IReadOnlyDictionary<string, double> FinalScores, string? Winner);

/// <summary>
/// Step 5 of the auction: the consumer filters the providers' consensus vectors again and picks the winner
/// (ties: lower ask price, then lower id in ordinal order). A target nobody scored cannot win, nor can a provider
/// that did not answer (the consumer has neither its ask nor its endpoint).
/// </summary>
public static class DecisionMaker
{
    /// <param name="order">the auction's participants.</param>
    /// <param name="consensusVectors">per position, the consensus vector that provider sent (indexed by position), or the default array when it did not answer.</param>
    /// <param name="askPrices">per position, the ask of a provider that answered: the candidates.</param>
    /// <param name="memory">the consumer's own ratings, blended into each final score with <paramref name="memoryWeight"/> (a variant; null: the specification).</param>
    public static AuctionDecision Decide(
        ParticipantOrder order,
        ReadOnlySpan<ImmutableArray<double>> consensusVectors,
        ReadOnlySpan<double> askPrices,
        double consumerTau,
        string aggregator = Interfaces.Models.AggregatorNames.ZScore,
        ConsumerMemory? memory = null,
        double memoryWeight = 0)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (askPrices.Length != order.Count) throw new ArgumentException($"askPrices must hold one entry per participant ({order.Count}), got {askPrices.Length}.", nameof(askPrices));
        // Every position is a target: one that nobody scored has an empty sample and no final score, as before.
        var means = ConsensusCalculator.Consensus(order, self: -1, [], consensusVectors, consumerTau, aggregator);
        var finals = new Dictionary<string, double>(order.Count, StringComparer.Ordinal);
        var asks = new Dictionary<string, double>(order.Count, StringComparer.Ordinal);
        foreach (int t in order.ByIdOrdinal)
        {
            if (means[t].HasValue) finals[order[t]] = means[t].Value;
            if (!consensusVectors[t].IsDefault) asks[order[t]] = askPrices[t];
        }
        return Decide(finals, asks, memory, memoryWeight);
    }

    /// <param name="consensusVectors">provider → target → FFnew, from every provider that answered.</param>
    /// <param name="askPrices">provider → ask price, for every provider that answered: the candidates.</param>
    /// <param name="memory">the consumer's own ratings, blended into each final score with <paramref name="memoryWeight"/> (a variant; null: the specification).</param>
    public static AuctionDecision Decide(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> consensusVectors,
        IReadOnlyDictionary<string, double> askPrices,
        double consumerTau,
        string aggregator = Interfaces.Models.AggregatorNames.ZScore,
        ConsumerMemory? memory = null,
        double memoryWeight = 0)
    {
        var targets = consensusVectors.Values.SelectMany(v => v.Keys).Concat(askPrices.Keys).Distinct();
        var finals = ConsensusCalculator.Consensus(selfId: null, targets, consensusVectors, consumerTau, aggregator)
            .ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);
        return Decide(finals, askPrices, memory, memoryWeight);
    }

    /// <summary>The memory blend (a variant) and the pick, on the final scores in ordinal id order.</summary>
    private static AuctionDecision Decide(
        Dictionary<string, double> finals, IReadOnlyDictionary<string, double> askPrices, ConsumerMemory? memory, double memoryWeight)
    {
        if (memory is not null && memoryWeight > 0)
        {
            // Blended over the candidates only: a target that cannot win must not stretch the others' scale.
            var blended = memory.Blend(finals.Where(kv => askPrices.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), memoryWeight);
            foreach (var (id, score) in blended) finals[id] = score;
        }
        var candidates = finals.Where(kv => askPrices.ContainsKey(kv.Key)).Select(kv => (Id: kv.Key, Score: kv.Value));
        return new AuctionDecision(finals, PickBest(candidates, askPrices));
    }

    /// <summary>argmax of the score; ties go to the lower ask price, then the lower id.</summary>
    public static string? PickBest(IEnumerable<(string Id, double Score)> candidates, IReadOnlyDictionary<string, double> askPrices)
    {
        string? best = null;
        double bestScore = double.NegativeInfinity, bestPrice = double.PositiveInfinity;
        foreach (var (id, score) in candidates)
        {
            double price = askPrices[id];
            bool better = best is null
                || score > bestScore
                || (score == bestScore && (price < bestPrice || (price == bestPrice && string.CompareOrdinal(id, best) < 0)));
            if (!better) continue;
            (best, bestScore, bestPrice) = (id, score, price);
        }
        return best;
    }
}
