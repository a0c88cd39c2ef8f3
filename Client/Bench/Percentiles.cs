namespace Auction.Client.Bench;

/// <summary>Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank ⌈p/100 · n⌉ (1-based).</summary>
public static class Percentiles
{
    /// <param name="sorted">values in ascending order.</param>
    /// <param name="percentile">in (0, 100].</param>
    public static double NearestRank(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("percentiles need at least one value, got none.", nameof(sorted));
        if (!(percentile > 0 && percentile <= 100))
            throw new ArgumentException($"percentile must be in (0, 100], got {percentile}.", nameof(percentile));
        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>p50, p95, p99 and the maximum of unsorted values (sorted on a copy).</summary>
    public static LatencySummary Summarize(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, NearestRank(sorted, 50), NearestRank(sorted, 95), NearestRank(sorted, 99), sorted[^1], sorted.Average());
    }
}

/// <summary>Latency percentiles in milliseconds (NaN when there was nothing to measure).</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean);
