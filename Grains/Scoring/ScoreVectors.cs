using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Auction.Grains.Scoring;

/// <summary>
/// Score and consensus vectors in the form they travel in: one double per participant, in the invitation's order,
/// <see cref="NoScore"/> where the sender gave no score (itself, a peer left out). The dictionaries a transaction
/// record keeps are made from them once, at the consumer.
/// </summary>
public static class ScoreVectors
{
    /// <summary>The entry of a participant that was not scored.</summary>
    public const double NoScore = double.NaN;

    public static bool IsScore(double entry) => !double.IsNaN(entry);

    /// <summary>A vector of <paramref name="count"/> entries, none of them a score yet.</summary>
    public static double[] Empty(int count)
    {
        var entries = new double[count];
        entries.AsSpan().Fill(NoScore);
        return entries;
    }

    /// <summary>The dictionary (target id → score) as an indexed vector; ids not in <paramref name="order"/> are dropped.</summary>
    public static ImmutableArray<double> Indexed(ParticipantOrder order, IReadOnlyDictionary<string, double> scores)
    {
        var entries = Empty(order.Count);
        foreach (var (target, score) in scores)
        {
            int t = order.IndexOf(target);
            if (t >= 0) entries[t] = score;
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(entries);
    }

    /// <summary>Target id → score for every scored entry, in the invitation's order.</summary>
    public static Dictionary<string, double> InParticipantOrder(ParticipantOrder order, ImmutableArray<double> vector)
    {
        var result = new Dictionary<string, double>(order.Count, StringComparer.Ordinal);
        if (vector.IsDefault) return result;
        for (int t = 0; t < vector.Length && t < order.Count; t++)
            if (IsScore(vector[t])) result[order[t]] = vector[t];
        return result;
    }

    /// <summary>Target id → score for every scored entry, in ordinal order of the ids.</summary>
    public static Dictionary<string, double> InIdOrder(ParticipantOrder order, ImmutableArray<double> vector)
    {
        var result = new Dictionary<string, double>(order.Count, StringComparer.Ordinal);
        if (vector.IsDefault) return result;
        foreach (int t in order.ByIdOrdinal)
            if (t < vector.Length && IsScore(vector[t])) result[order[t]] = vector[t];
        return result;
    }
}
