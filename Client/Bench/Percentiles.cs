using Auction.Client.Statistics;

namespace Auction.Client.Bench;

/// <summary>Latency percentiles of the bench tables, by the CLI's one definition (<see cref="Quantiles"/>).</summary>
public static class Percentiles
{
    /// <param name="sorted">values in ascending order, at least one.</param>
    /// <param name="percentile">in [0, 100].</param>
    public static double Of(double[] sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0) throw new ArgumentException("percentiles need at least one value, got none.", nameof(sorted));
        if (!(percentile >= 0 && percentile <= 100))
            throw new ArgumentException($"percentile must be in [0, 100], got {percentile}.", nameof(percentile));
        return Quantiles.OfSorted(sorted, percentile / 100);
    }

    /// <summary>p50, p95, p99 and the maximum of unsorted values (sorted on a copy).</summary>
    public static LatencySummary Summarize(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Of(sorted, 50), Of(sorted, 95), Of(sorted, 99), sorted[^1], sorted.Average());
    }
}

/// <summary>Latency percentiles in milliseconds (NaN when there was nothing to measure).</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean);
