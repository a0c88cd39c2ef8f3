namespace Auction.Grains.Worlds;

/// <summary>Experiment time as a world keeps it: whole milliseconds since the experiment started, on the experiment's clock.</summary>
public static class WorldTime
{
    /// <summary>Seconds (0 to <see cref="WorldLimits.MaxTimeSeconds"/>) to the nearest millisecond.</summary>
    public static long Milliseconds(double seconds) => (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
}
