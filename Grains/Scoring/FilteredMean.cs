namespace Auction.Grains.Scoring;

/// <summary>The result of an outlier-filtered mean: the value and the inliers it averaged.</summary>
/// <param name="Value">mean of the inliers, or the sample's median when no value was an inlier.</param>
/// <param name="InlierSum">sum of the inliers (the median when it fell back to the median).</param>
/// <param name="InlierCount">number of inliers (1 when it fell back to the median).</param>
/// <param name="SampleCount">size of the sample.</param>
/// <param name="UsedMedian">true when no value was an inlier and the median was taken.</param>
public sealed record FilteredMean(double Value, double InlierSum, int InlierCount, int SampleCount, bool UsedMedian);
