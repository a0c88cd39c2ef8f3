using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Auction.Grains.Scoring;

/// <summary>
/// Step 4 of the auction: a provider's consensus on each target from the score vectors it holds
/// (its own included), never counting a target's score of itself.
/// </summary>
/// <remarks>
/// The auction works on vectors indexed by the invitation's participant order (<see cref="ScoreVectors"/>); the
/// dictionary form (scorer id → target id → score), used by the offline scorer and the tests, is converted to it, so
/// both run the same arithmetic on the same samples in the same order.
/// </remarks>
public static class ConsensusCalculator
{
    /// <param name="order">the auction's participants.</param>
    /// <param name="self">the position of the provider computing the consensus (it does not score itself), or −1 for the consumer.</param>
    /// <param name="targets">per position, whether to reach a consensus on it; null: every position.</param>
    /// <param name="vectors">per position, the vector that scorer sent (<see cref="ScoreVectors.NoScore"/> where it gave none), or the default array when it sent none.</param>
    /// <returns>per position, the filtered mean of X_t = { v_s[t] : s sent a vector, s ≠ t } taken in scorer-id order; the default (no value) for self, a non-target or a target nobody scored.</returns>
    // Optimised at once: every provider runs it in every auction (see OutlierFilter).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FilteredMean[] Consensus(
        ParticipantOrder order,
        int self,
        ReadOnlySpan<bool> targets,
        ReadOnlySpan<ImmutableArray<double>> vectors,
        double tau,
        string aggregator = Interfaces.Models.AggregatorNames.ZScore)
    {
        ArgumentNullException.ThrowIfNull(order);
        int n = order.Count;
        if (vectors.Length != n) throw new ArgumentException($"vectors must hold one entry per participant ({n}), got {vectors.Length}.", nameof(vectors));
        if (!targets.IsEmpty && targets.Length != n) throw new ArgumentException($"targets must hold one entry per participant ({n}), got {targets.Length}.", nameof(targets));
        var result = new FilteredMean[n];
        var byId = order.ByIdOrdinal;
        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, n));
        try
        {
            for (int t = 0; t < n; t++)
            {
                if (t == self || (!targets.IsEmpty && !targets[t])) continue;
                int count = 0;
                foreach (int s in byId)
                {
                    if (s == t) continue;
                    var vector = vectors[s];
                    if (vector.IsDefault) continue;
                    double score = vector[t];
                    if (!ScoreVectors.IsScore(score)) continue;
                    // The field name is built only for the error, not for every target.
                    if (!double.IsFinite(score)) Require.Finite(score, $"scores of {order[t]}[{count}]");
                    buffer[count++] = score;
                }
                if (count > 0) result[t] = OutlierFilter.Filter(aggregator, buffer.AsSpan(0, count), tau, "scores");
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
        return result;
    }

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
        var targetIds = targets.Where(t => t != selfId).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(targetIds, StringComparer.Ordinal);
        foreach (var (scorer, vector) in vectors)
        {
            ids.Add(scorer);
            foreach (var (target, score) in vector)
            {
                ids.Add(target);
                // NaN stands for "no score" in the indexed form; here it is a bad value, as the specification's sample has none.
                if (double.IsNaN(score) && target != scorer && targetIds.Contains(target)) Require.Finite(score, $"scores of {target}");
            }
        }
        var order = new ParticipantOrder(ids);
        var indexed = new ImmutableArray<double>[order.Count];
        foreach (var (scorer, vector) in vectors) indexed[order.IndexOf(scorer)] = ScoreVectors.Indexed(order, vector);
        var isTarget = new bool[order.Count];
        foreach (string target in targetIds) isTarget[order.IndexOf(target)] = true;

        var means = Consensus(order, self: -1, isTarget, indexed, tau, aggregator);
        var result = new SortedDictionary<string, FilteredMean>(StringComparer.Ordinal);
        for (int t = 0; t < order.Count; t++)
            if (means[t].HasValue) result[order[t]] = means[t];
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
