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
        // The vectors are put in scorer-id order once, not once per target: same samples, same order, same results.
        var ordered = InScorerOrder(vectors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sample = new List<double>(ordered.Length);
        foreach (string target in targets)
        {
            if (!seen.Add(target) || target == selfId) continue;
            sample.Clear();
            FillSample(sample, target, ordered);
            if (sample.Count > 0) result[target] = OutlierFilter.Apply(aggregator, sample, tau, $"scores of {target}");
        }
        return result;
    }

    /// <summary>X_t = { v_s[t] : s sent a vector, s ≠ t }, in scorer-id order so the result does not depend on arrival order.</summary>
    public static List<double> SampleFor(string target, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> vectors)
    {
        var sample = new List<double>();
        FillSample(sample, target, InScorerOrder(vectors));
        return sample;
    }

    private static KeyValuePair<string, IReadOnlyDictionary<string, double>>[] InScorerOrder(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> vectors)
    {
        var ordered = vectors.ToArray();
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return ordered;
    }

    private static void FillSample(List<double> sample, string target, KeyValuePair<string, IReadOnlyDictionary<string, double>>[] ordered)
    {
        foreach (var (scorer, vector) in ordered)
        {
            if (scorer == target) continue;
            if (vector.TryGetValue(target, out double score)) sample.Add(score);
        }
    }
}
