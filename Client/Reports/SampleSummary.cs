using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Auction.Client.Reports;

/// <summary>
/// A metric over the seeds of one sweep cell: n, mean with its 95 % confidence interval (Student's t with n − 1
/// degrees of freedom: mean ± t₀.₉₇₅ · s / √n, s the sample standard deviation), median and range. With one seed
/// the interval is unknown (NaN).
/// </summary>
public sealed record SampleSummary(int N, double Mean, double StdDev, double CiLow, double CiHigh, double Median, double Min, double Max)
{
    public const double Confidence = 0.95;

    public double CiHalfWidth => (CiHigh - CiLow) / 2;

    public static SampleSummary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("values must hold at least one value, got none.", nameof(values));
        double mean = values.Mean();
        double median = values.Median();
        if (values.Count == 1) return new SampleSummary(1, mean, double.NaN, double.NaN, double.NaN, median, mean, mean);
        double sd = values.StandardDeviation();
        double t = StudentT.InvCDF(0, 1, values.Count - 1, 1 - (1 - Confidence) / 2);
        double half = t * sd / Math.Sqrt(values.Count);
        return new SampleSummary(values.Count, mean, sd, mean - half, mean + half, median, values.Min(), values.Max());
    }
}
