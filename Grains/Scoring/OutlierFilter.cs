using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring;

/// <summary>
/// The z-score outlier-filtered mean of docs/algorithm.md step 4: inliers are the values within τ population
/// standard deviations of the mean (all of them when the deviation is 0); their mean, or the median when none is left.
/// </summary>
public static class OutlierFilter
{
    public static FilteredMean ZScore(IReadOnlyList<double> sample, double tau, string field = "sample")
    {
        CheckSample(sample, field);
        Require.NonNegative(tau, "tau");
        double mean = Mean(sample);
        double sd = PopulationStandardDeviation(sample, mean);
        if (sd == 0) return new FilteredMean(mean, Sum(sample), sample.Count, sample.Count, false);
        return MeanOfInliers(sample, x => Math.Abs(x - mean) <= tau * sd);
    }

    /// <summary>
    /// The robust option: modified z-score 0.6745·(x − median)/MAD with the cutoff τ (3.5 is the usual one);
    /// the plain mean when MAD = 0.
    /// </summary>
    public static FilteredMean ModifiedZScore(IReadOnlyList<double> sample, double cutoff, string field = "sample")
    {
        CheckSample(sample, field);
        Require.NonNegative(cutoff, "cutoff");
        double median = Median(sample);
        double mad = Median(sample.Select(x => Math.Abs(x - median)).ToArray());
        if (mad == 0) return new FilteredMean(Mean(sample), Sum(sample), sample.Count, sample.Count, false);
        return MeanOfInliers(sample, x => Math.Abs(0.6745 * (x - median) / mad) <= cutoff);
    }

    /// <summary>The sample's median: no threshold; it stands as long as fewer than half of the values lie.</summary>
    public static FilteredMean MedianOf(IReadOnlyList<double> sample, string field = "sample")
    {
        CheckSample(sample, field);
        double median = Median(sample);
        return new FilteredMean(median, median, 1, sample.Count, true);
    }

    /// <summary>
    /// The mean of the sample without its ⌊n/4⌋ lowest and ⌊n/4⌋ highest values (the interquartile mean when n is a
    /// multiple of 4); no threshold.
    /// </summary>
    public static FilteredMean TrimmedMean(IReadOnlyList<double> sample, string field = "sample")
    {
        CheckSample(sample, field);
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        int trim = sorted.Length / 4;
        double sum = 0;
        for (int i = trim; i < sorted.Length - trim; i++) sum += sorted[i];
        int count = sorted.Length - 2 * trim;
        return new FilteredMean(Math.Clamp(sum / count, sorted[trim], sorted[^(trim + 1)]), sum, count, sample.Count, false);
    }

    /// <summary>Applies the aggregator named in the parameters (<see cref="AggregatorNames"/>).</summary>
    public static FilteredMean Apply(string aggregator, IReadOnlyList<double> sample, double tau, string field = "sample") =>
        aggregator switch
        {
            AggregatorNames.ZScore => ZScore(sample, tau, field),
            AggregatorNames.ModifiedZScore => ModifiedZScore(sample, tau, field),
            AggregatorNames.Median => MedianOf(sample, field),
            AggregatorNames.TrimmedMean => TrimmedMean(sample, field),
            _ => throw new ArgumentException(
                $"aggregator must be one of {string.Join(", ", AggregatorNames.All)}, got '{aggregator}'.", nameof(aggregator)),
        };

    private static FilteredMean MeanOfInliers(IReadOnlyList<double> sample, Func<double, bool> isInlier)
    {
        double sum = 0, lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        int count = 0;
        foreach (double x in sample)
        {
            if (!isInlier(x)) continue;
            sum += x;
            count++;
            lowest = Math.Min(lowest, x);
            highest = Math.Max(highest, x);
        }
        if (count == 0)
        {
            double median = Median(sample);
            return new FilteredMean(median, median, 1, sample.Count, true);
        }
        return new FilteredMean(Math.Clamp(sum / count, lowest, highest), sum, count, sample.Count, false);
    }

    private static void CheckSample(IReadOnlyList<double> sample, string field)
    {
        ArgumentNullException.ThrowIfNull(sample, field);
        if (sample.Count == 0)
            throw new ArgumentException($"{field} must hold at least one value, got none.", field);
        // The field name of an element is built only for the error, not for every value checked.
        for (int i = 0; i < sample.Count; i++)
            if (!double.IsFinite(sample[i])) Require.Finite(sample[i], $"{field}[{i}]");
    }

    private static double Sum(IReadOnlyList<double> sample)
    {
        double sum = 0;
        foreach (double x in sample) sum += x;
        return sum;
    }

    /// <summary>
    /// The arithmetic mean, kept within [min, max] of the sample: rounding can put sum/n an ulp outside it
    /// (0.1+0.1+0.1 = 0.30000000000000004, /3 = 0.10000000000000002), which would give a sample of equal
    /// values a tiny non-zero standard deviation instead of the 0 the specification relies on.
    /// </summary>
    private static double Mean(IReadOnlyList<double> sample) => Math.Clamp(Sum(sample) / sample.Count, sample.Min(), sample.Max());

    private static double PopulationStandardDeviation(IReadOnlyList<double> sample, double mean)
    {
        double squares = 0;
        foreach (double x in sample) squares += (x - mean) * (x - mean);
        return Math.Sqrt(squares / sample.Count);
    }

    internal static double Median(IReadOnlyList<double> sample)
    {
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
