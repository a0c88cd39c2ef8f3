namespace Auction.Grains.Scoring;

/// <summary>
/// Step 4 of the auction: a provider's consensus on each target from the score vectors it holds
/// (its own included), never counting a target's score of itself.
/// </summary>
public static class ConsensusCalculator
{
    /// <param name="selfId">the provider computing the consensus (it does not score itself), or null for the consumer.</param>
    /// <param name="targets">the participants to reach a consensus on.</param>
    /// <param name="vectors">scorer → target → FF, for every scorer whose vector arrived (the provider's own among them).</param>
    /// <returns>target → filtered mean, for every target t ≠ self that at least one scorer s ≠ t scored.</returns>
    public static IReadOnlyDictionary<string, FilteredMean> Consensus(
        string? selfId,
        IEnumerable<string> targets,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> vectors,
        double tau,
        string aggregator = Interfaces.Models.AggregatorNames.ZScore)
    {
        var result = new SortedDictionary<string, FilteredMean>(StringComparer.Ordinal);
        foreach (string target in targets.Distinct())
        {
            if (target == selfId) continue;
            var sample = SampleFor(target, vectors);
            if (sample.Count > 0) result[target] = OutlierFilter.Apply(aggregator, sample, tau, $"scores of {target}");
        }
        return result;
    }

    /// <summary>X_t = { v_s[t] : s sent a vector, s ≠ t }, in scorer-id order so the result does not depend on arrival order.</summary>
    public static List<double> SampleFor(string target, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> vectors)
    {
        var sample = new List<double>();
        foreach (var (scorer, vector) in vectors.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (scorer == target) continue;
            if (vector.TryGetValue(target, out double score)) sample.Add(score);
        }
        return sample;
    }
}
