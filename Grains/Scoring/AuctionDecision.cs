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
