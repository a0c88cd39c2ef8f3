namespace Auction.Grains.Scoring;

/// <summary>The result of an outlier-filtered mean: the value and the inliers it averaged.</summary>
/// <remarks>A value type, so that a consensus over N targets is one array, not N objects.</remarks>
/// <param name="Value">mean of the inliers, or the sample's median when no value was an inlier.</param>
/// <param name="InlierSum">sum of the inliers (the median when it fell back to the median).</param>
/// <param name="InlierCount">number of inliers (1 when it fell back to the median).</param>
/// <param name="SampleCount">size of the sample (0 only for the default value: no result).</param>
/// <param name="UsedMedian">true when no value was an inlier and the median was taken.</param>
public readonly record struct FilteredMean(double Value, double InlierSum, int InlierCount, int SampleCount, bool UsedMedian)
{
    /// <summary>False for the default value, which stands for "no sample, no result".</summary>
    public bool HasValue => SampleCount > 0;
}
