namespace Auction.Grains.Experiments;

/// <summary>A clamped-normal distribution as a trigger config states it: mean, std_dev, lowest, highest.</summary>
public sealed record ClampedNormalSpec(double Mean, double StdDev, double Lowest, double Highest)
{
    public static ClampedNormalSpec Fixed(double value) => new(value, 0, value, value);
}
