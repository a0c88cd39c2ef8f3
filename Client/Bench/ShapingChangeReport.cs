namespace Auction.Client.Bench;

/// <summary>One rate change under a running download: how long <c>tc</c> took until the readback confirmed it, and until the flow ran within ±10 % of the new rate (null: not within the wait).</summary>
public sealed record LinkChangeTiming(double FromMBps, double ToMBps, double ApplyMs, double? SettleMs);

/// <summary>A flow moved right after a change to <see cref="RateMBps"/>: what each direction measured (null with an error).</summary>
public sealed record LinkChangeFlow(double RateMBps, double FlowMb, double? UpMBps, double? DownMBps, string? Error)
{
    public double? UpRatio => UpMBps / RateMBps;
    public double? DownRatio => DownMBps / RateMBps;

    /// <summary>Both directions measured within <paramref name="tolerance"/> (0.1: ±10 %) of the new rate.</summary>
    public bool Within(double tolerance) =>
        Error is null && UpRatio is { } up && DownRatio is { } down && Math.Abs(up - 1) <= tolerance && Math.Abs(down - 1) <= tolerance;
}

/// <summary>An outage during a flow: whether the flow failed, why, and how many seconds after the link went down; and a flow through the link once it is up again.</summary>
public sealed record LinkOutageCheck(double RateMBps, bool FlowFailed, string? FlowError, double FailedAfterSeconds, double? AfterUpMBps, double? AfterDownMBps, string? AfterError);

/// <summary>What <c>bench shaping --changes N</c> measured.</summary>
public sealed record ShapingChangeReport(
    double RateAMBps, double RateBMBps, double WindowMs, double Tolerance, double MedianSampleIntervalMs,
    IReadOnlyList<LinkChangeTiming> Timings, IReadOnlyList<LinkChangeFlow> Flows, LinkOutageCheck Outage)
{
    public LatencySummary Apply => Percentiles.Summarize(Timings.Select(t => t.ApplyMs));

    /// <summary>Over the changes after which the flow settled; <see cref="Unsettled"/> counts the others.</summary>
    public LatencySummary Settle => Percentiles.Summarize(Timings.Where(t => t.SettleMs is not null).Select(t => t.SettleMs!.Value));

    public int Unsettled => Timings.Count(t => t.SettleMs is null);

    public int FlowsWithin => Flows.Count(f => f.Within(Tolerance));

    /// <summary>Every flow within the tolerance, every change settled, and the outage failed the flow and the link came back.</summary>
    public bool Passed => FlowsWithin == Flows.Count && Unsettled == 0 && Outage is { FlowFailed: true, AfterError: null };
}
