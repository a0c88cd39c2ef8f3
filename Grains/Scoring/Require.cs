using System.Globalization;

namespace Auction.Grains.Scoring;

/// <summary>Argument checks that reject bad numbers with one sentence naming the field and the value.</summary>
public static class Require
{
    public static double Finite(double value, string field)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{field} must be a finite number, got {Show(value)}.", field);
        return value;
    }

    public static double NonNegative(double value, string field)
    {
        Finite(value, field);
        if (value < 0)
            throw new ArgumentException($"{field} must be ≥ 0, got {Show(value)}.", field);
        return value;
    }

    public static double Positive(double value, string field)
    {
        Finite(value, field);
        if (value <= 0)
            throw new ArgumentException($"{field} must be > 0, got {Show(value)}.", field);
        return value;
    }

    public static double AtLeast(double value, double minimum, string field)
    {
        Finite(value, field);
        if (value < minimum)
            throw new ArgumentException($"{field} must be ≥ {Show(minimum)}, got {Show(value)}.", field);
        return value;
    }

    public static double InRange(double value, double lowest, double highest, string field)
    {
        Finite(value, field);
        if (value < lowest || value > highest)
            throw new ArgumentException($"{field} must be in [{Show(lowest)}, {Show(highest)}], got {Show(value)}.", field);
        return value;
    }

    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
