using MathNet.Numerics.Distributions;

namespace Auction.Grains.Scoring;

/// <summary>
/// Draws from N(mean, sd) clamped (not resampled) to [lowest, highest], from a generator with an explicit seed
/// so that a run is reproducible.
/// </summary>
public sealed class ClampedNormal(int seed)
{
    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    public double Next(double mean, double standardDeviation, double lowest, double highest)
    {
        Require.Finite(mean, "mean");
        Require.NonNegative(standardDeviation, "std_dev");
        Require.Finite(lowest, "lowest");
        Require.Finite(highest, "highest");
        if (lowest > highest)
            throw new ArgumentException($"lowest must not exceed highest, got {Require.Show(lowest)} > {Require.Show(highest)}.", nameof(lowest));
        double draw = standardDeviation == 0 ? mean : Normal.Sample(_random, mean, standardDeviation);
        return Math.Clamp(draw, lowest, highest);
    }
}
