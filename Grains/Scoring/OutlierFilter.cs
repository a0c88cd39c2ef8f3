using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring;

/// <summary>
/// The z-score outlier-filtered mean of docs/algorithm.md step 4: inliers are the values within τ population
/// standard deviations of the mean (all of them when the deviation is 0); their mean, or the median when none is left.
/// </summary>
/// <remarks>
/// The work is done on spans, so that the consensus of every auction runs without allocating; the list overloads
/// are the same arithmetic in the same order. The span methods run thousands of times per auction from the first
/// auction on, so they are compiled optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>) instead of
/// running unoptimised until tiered compilation gets to them; optimisation does not reorder floating-point arithmetic.
/// </remarks>
public static class OutlierFilter
{
    public static FilteredMean ZScore(IReadOnlyList<double> sample, double tau, string field = "sample") =>
        ZScore(SpanOf(sample, field), tau, field);

    /// <summary>
    /// The robust option: modified z-score 0.6745·(x − median)/MAD with the cutoff τ (3.5 is the usual one);
    /// the plain mean when MAD = 0.
    /// </summary>
    public static FilteredMean ModifiedZScore(IReadOnlyList<double> sample, double cutoff, string field = "sample") =>
        ModifiedZScore(SpanOf(sample, field), cutoff, field);

    /// <summary>The sample's median: no threshold; it stands as long as fewer than half of the values lie.</summary>
    public static FilteredMean MedianOf(IReadOnlyList<double> sample, string field = "sample") => MedianOf(SpanOf(sample, field), field);

    /// <summary>
    /// The mean of the sample without its ⌊n/4⌋ lowest and ⌊n/4⌋ highest values (the interquartile mean when n is a
    /// multiple of 4); no threshold.
    /// </summary>
    public static FilteredMean TrimmedMean(IReadOnlyList<double> sample, string field = "sample") => TrimmedMean(SpanOf(sample, field), field);

    /// <summary>Applies the aggregator named in the parameters (<see cref="AggregatorNames"/>).</summary>
    public static FilteredMean Apply(string aggregator, IReadOnlyList<double> sample, double tau, string field = "sample") =>
        Filter(aggregator, SpanOf(sample, field), tau, field);

    /// <summary>
    /// Applies the aggregator named in the parameters to a sample that has been checked to hold finite values only
    /// (<paramref name="field"/> names it in the errors of the other checks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static FilteredMean Filter(string aggregator, ReadOnlySpan<double> sample, double tau, string field) =>
        aggregator switch
        {
            AggregatorNames.ZScore => ZScore(sample, tau, field),
            AggregatorNames.ModifiedZScore => ModifiedZScore(sample, tau, field),
            AggregatorNames.Median => MedianOf(sample, field),
            AggregatorNames.TrimmedMean => TrimmedMean(sample, field),
            _ => throw new ArgumentException(
                $"aggregator must be one of {string.Join(", ", AggregatorNames.All)}, got '{aggregator}'.", nameof(aggregator)),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FilteredMean ZScore(ReadOnlySpan<double> sample, double tau, string field)
    {
        CheckSample(sample, field);
        Require.NonNegative(tau, "tau");
        double mean = Mean(sample);
        double sd = PopulationStandardDeviation(sample, mean);
        if (sd == 0) return new FilteredMean(mean, Sum(sample), sample.Length, sample.Length, false);
        double limit = tau * sd;
        double sum = 0, lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        int count = 0;
        foreach (double x in sample)
        {
            if (!(Math.Abs(x - mean) <= limit)) continue;
            Include(x, ref sum, ref count, ref lowest, ref highest);
        }
        return MeanOfInliers(sample, sum, count, lowest, highest);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FilteredMean ModifiedZScore(ReadOnlySpan<double> sample, double cutoff, string field)
    {
        CheckSample(sample, field);
        Require.NonNegative(cutoff, "cutoff");
        double median = Median(sample);
        double[] rented = ArrayPool<double>.Shared.Rent(sample.Length);
        try
        {
            var deviations = rented.AsSpan(0, sample.Length);
            for (int i = 0; i < sample.Length; i++) deviations[i] = Math.Abs(sample[i] - median);
            double mad = Median(deviations);
            if (mad == 0) return new FilteredMean(Mean(sample), Sum(sample), sample.Length, sample.Length, false);
            double sum = 0, lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
            int count = 0;
            foreach (double x in sample)
            {
                if (!(Math.Abs(0.6745 * (x - median) / mad) <= cutoff)) continue;
                Include(x, ref sum, ref count, ref lowest, ref highest);
            }
            return MeanOfInliers(sample, sum, count, lowest, highest);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FilteredMean MedianOf(ReadOnlySpan<double> sample, string field)
    {
        CheckSample(sample, field);
        double median = Median(sample);
        return new FilteredMean(median, median, 1, sample.Length, true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FilteredMean TrimmedMean(ReadOnlySpan<double> sample, string field)
    {
        CheckSample(sample, field);
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        int trim = sorted.Length / 4;
        double sum = 0;
        for (int i = trim; i < sorted.Length - trim; i++) sum += sorted[i];
        int count = sorted.Length - 2 * trim;
        return new FilteredMean(Math.Clamp(sum / count, sorted[trim], sorted[^(trim + 1)]), sum, count, sample.Length, false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Include(double x, ref double sum, ref int count, ref double lowest, ref double highest)
    {
        sum += x;
        count++;
        lowest = Math.Min(lowest, x);
        highest = Math.Max(highest, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FilteredMean MeanOfInliers(ReadOnlySpan<double> sample, double sum, int count, double lowest, double highest)
    {
        if (count == 0)
        {
            double median = Median(sample);
            return new FilteredMean(median, median, 1, sample.Length, true);
        }
        return new FilteredMean(Math.Clamp(sum / count, lowest, highest), sum, count, sample.Length, false);
    }

    /// <summary>The list as a span without a copy when it is an array or a list; null is rejected naming the field.</summary>
    private static ReadOnlySpan<double> SpanOf(IReadOnlyList<double> sample, string field)
    {
        ArgumentNullException.ThrowIfNull(sample, field);
        return sample switch
        {
            double[] array => array,
            List<double> list => CollectionsMarshal.AsSpan(list),
            _ => sample.ToArray(),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckSample(ReadOnlySpan<double> sample, string field)
    {
        if (sample.Length == 0)
            throw new ArgumentException($"{field} must hold at least one value, got none.", field);
        // The field name of an element is built only for the error, not for every value checked.
        for (int i = 0; i < sample.Length; i++)
            if (!double.IsFinite(sample[i])) Require.Finite(sample[i], $"{field}[{i}]");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Sum(ReadOnlySpan<double> sample)
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Mean(ReadOnlySpan<double> sample)
    {
        double lowest = sample[0], highest = sample[0];
        foreach (double x in sample)
        {
            lowest = Math.Min(lowest, x);
            highest = Math.Max(highest, x);
        }
        return Math.Clamp(Sum(sample) / sample.Length, lowest, highest);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double PopulationStandardDeviation(ReadOnlySpan<double> sample, double mean)
    {
        double squares = 0;
        foreach (double x in sample) squares += (x - mean) * (x - mean);
        return Math.Sqrt(squares / sample.Length);
    }

    internal static double Median(IReadOnlyList<double> sample) => Median(SpanOf(sample, nameof(sample)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Median(ReadOnlySpan<double> sample)
    {
        double[] rented = ArrayPool<double>.Shared.Rent(sample.Length);
        try
        {
            var sorted = rented.AsSpan(0, sample.Length);
            sample.CopyTo(sorted);
            sorted.Sort();
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
