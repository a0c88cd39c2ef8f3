namespace Auction.Grains.Scoring;

/// <summary>The beacon-derived factors of a peer-score row: uptime, load and signal strength.</summary>
public static class PeerMetrics
{
    public const long DayMs = 86_400_000;
    public const double MaxChannelUtilization = 255;
    public const double ChannelUtilizationPerFlow = 50;

    /// <summary>uptime = σ( min(T_now − T_0, DAY) / (k_uptime · DAY) ).</summary>
    public static double Uptime(long nowMs, long firstBeaconMs, double kUptime)
    {
        Require.Positive(kUptime, "k_uptime");
        if (nowMs < firstBeaconMs)
            throw new ArgumentException($"first_beacon_ms must not be after now_ms, got {firstBeaconMs} > {nowMs}.", "first_beacon_ms");
        double elapsed = Math.Min(nowMs - firstBeaconMs, DayMs);
        return Sigmoid.Of(elapsed / (kUptime * DayMs));
    }

    /// <summary>
    /// The start T_0 of the unbroken run of beacons a beacon at <paramref name="nowMs"/> belongs to:
    /// a first beacon, or one after a gap longer than the limit, starts a new run.
    /// </summary>
    public static long NextFirstBeacon(long? firstBeaconMs, long? previousBeaconMs, long nowMs, long beaconTLimitMs)
    {
        if (firstBeaconMs is null || previousBeaconMs is null) return nowMs;
        // A wall clock that stepped back breaks the run too: uptime cannot count from a beacon in the future.
        bool broken = nowMs - previousBeaconMs.Value > beaconTLimitMs || nowMs < firstBeaconMs.Value;
        return broken ? nowMs : firstBeaconMs.Value;
    }

    /// <summary>load = σ( (255 − CU) / (k_load · 255) ).</summary>
    public static double Load(double channelUtilization, double kLoad)
    {
        Require.InRange(channelUtilization, 0, MaxChannelUtilization, "channel_utilization");
        Require.Positive(kLoad, "k_load");
        return Sigmoid.Of((MaxChannelUtilization - channelUtilization) / (kLoad * MaxChannelUtilization));
    }

    /// <summary>strength = σ( RSSI / (k_strength · 255) ).</summary>
    public static double Strength(double rssi, double kStrength)
    {
        Require.InRange(rssi, 0, 255, "rssi");
        Require.Positive(kStrength, "k_strength");
        return Sigmoid.Of(rssi / (kStrength * 255));
    }

    /// <summary>The channel utilisation an honest provider advertises: min(255, 50 · active flows).</summary>
    public static double HonestChannelUtilization(int activeFlows) =>
        Math.Min(MaxChannelUtilization, ChannelUtilizationPerFlow * Math.Max(0, activeFlows));
}
