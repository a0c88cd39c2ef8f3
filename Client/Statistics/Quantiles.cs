using MathNet.Numerics.Statistics;

namespace Auction.Client.Statistics;

/// <summary>
/// The one quantile definition of the CLI (bench tables, results, reports) and of the SQL views: linear interpolation
/// between the two nearest ranks at position p·(n − 1) of the sorted values — Hyndman and Fan's type 7, which is
/// PostgreSQL's <c>percentile_cont</c>, R's default and Excel's PERCENTILE.INC — computed by MathNet.Numerics.
/// </summary>
public static class Quantiles
{
    /// <summary>The definition in words, as the tables' captions and the documentation name it.</summary>
    public const string Definition = "linear interpolation at p·(n − 1), as PostgreSQL's percentile_cont";

    /// <summary>The <paramref name="p"/>-quantile (p in [0, 1]) of values sorted ascending; NaN when there are none.</summary>
    public static double OfSorted(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a quantile's probability must be in [0, 1].");
        return sorted.Length == 0 ? double.NaN : SortedArrayStatistics.QuantileCustom(sorted, p, QuantileDefinition.R7);
    }
}
