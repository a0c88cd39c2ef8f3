namespace Auction.Grains.Scoring;

/// <summary>The logistic function σ(x) = 1 / (1 + e^(−x)).</summary>
public static class Sigmoid
{
    public static double Of(double x) => 1.0 / (1.0 + Math.Exp(-Require.Finite(x, nameof(x))));
}
