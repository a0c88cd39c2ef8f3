using Auction.Grains.Network;

namespace Auction.Grains.Worlds;

/// <summary>What a world file may hold, so that a mistyped or hostile world ends in a few sentences, not in gigabytes of memory.</summary>
public static class WorldLimits
{
    public const int MaxFileBytes = 4 * 1024 * 1024;
    public const int MinProviders = 2;
    public const int MaxProviders = 1_000;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxScheduleSteps = 10_000;
    public const int MaxTraceRows = 100_000;
    /// <summary>A trace of <see cref="MaxTraceRows"/> rows of three long numbers fits.</summary>
    public const int MaxTraceBytes = 8 * 1024 * 1024;
    /// <summary>A shaped rate (a link's real speed) is at most what the lab can shape.</summary>
    public const double MaxShapedRateMBps = TcShapingPlan.MaxRateMBps;
    /// <summary>A claim is only advertised, so it may exceed what the lab shapes (100 GB/s: no link comes near).</summary>
    public const double MaxClaimedRateMBps = 100_000;
    /// <summary>Latest experiment time of a step or trace row: about 31 years, far beyond any run, its milliseconds exact.</summary>
    public const double MaxTimeSeconds = 1e9;
    public const double MaxSignalStrength = 255;
    /// <summary>The most delay (and jitter) a link may add, in ms: a minute, beyond any network a flow still crosses.</summary>
    public const double MaxDelayMs = 60_000;
    public const int MaxIdLength = 40;
}
