namespace Auction.Client.Bench;

/// <summary>
/// The CPU time the silos on this machine used between two samples of <see cref="SiloProcesses.Find"/>: in total, per
/// second of wall time, split into the provider silos and the rest (the consumer).
/// </summary>
/// <remarks>
/// Only silos present in both samples count (same pid and the same start time, so a silo restarted in between is not
/// mistaken for one that used negative CPU); <see cref="Changed"/> says how many were left out for that or because
/// they started or stopped in the window.
/// </remarks>
public sealed record SiloCpu(int Silos, int Changed, double WallSeconds, double TotalMs, double ProviderMs, double OtherMs)
{
    /// <summary>CPU milliseconds per wall-clock second over all silos counted (NaN for an empty window).</summary>
    public double TotalMsPerSecond => WallSeconds > 0 ? TotalMs / WallSeconds : double.NaN;

    /// <summary>CPU milliseconds per second of the provider silos together.</summary>
    public double ProviderMsPerSecond => WallSeconds > 0 ? ProviderMs / WallSeconds : double.NaN;

    /// <summary>CPU milliseconds per second of the other silos (the consumer) together.</summary>
    public double OtherMsPerSecond => WallSeconds > 0 ? OtherMs / WallSeconds : double.NaN;

    /// <summary>The window's CPU per unit of work (e.g. per auction), in milliseconds; NaN without units.</summary>
    public double MsPer(int units) => units > 0 ? TotalMs / units : double.NaN;

    /// <summary>
    /// The window's CPU per unit of work above what the silos use when idle: (total − idle rate × wall) / units. The
    /// background work (beacons, heartbeats, membership) goes on during the auctions too, so this is what the
    /// auctions themselves cost.
    /// </summary>
    public double MsPerAbove(SiloCpu idle, int units) =>
        units > 0 && double.IsFinite(idle.TotalMsPerSecond) ? (TotalMs - idle.TotalMsPerSecond * WallSeconds) / units : double.NaN;

    /// <summary>The CPU each silo used from <paramref name="before"/> to <paramref name="after"/>, <paramref name="wall"/> apart.</summary>
    public static SiloCpu Between(IReadOnlyList<SiloProcess> before, IReadOnlyList<SiloProcess> after, TimeSpan wall)
    {
        var earlier = before.Where(s => s.CpuTime is not null).ToDictionary(s => (s.Pid, s.StartTicks));
        double provider = 0, other = 0;
        int silos = 0;
        foreach (var now in after)
        {
            if (now.CpuTime is not { } cpu || !earlier.TryGetValue((now.Pid, now.StartTicks), out var then)) continue;
            double ms = (cpu - then.CpuTime!.Value).TotalMilliseconds;
            if (now.Role == "provider") provider += ms;
            else other += ms;
            silos++;
        }
        int changed = before.Count + after.Count - 2 * silos;
        return new SiloCpu(silos, changed, wall.TotalSeconds, provider + other, provider, other);
    }
}
