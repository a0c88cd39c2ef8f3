namespace Auction.Grains.Network;

// The shape of an `iperf3 -J` report, as far as the flow runner reads it. iperf3 prints many more members (intervals,
// streams, CPU use) that are of no interest here, so unknown members are skipped, not refused.

/// <summary>The root of an <c>iperf3 -J</c> report.</summary>
internal sealed record Iperf3Json(string? Error, Iperf3StartJson? Start, Iperf3EndJson? End);

/// <summary><c>start</c>: the version and the test's settings.</summary>
internal sealed record Iperf3StartJson(string? Version, Iperf3TestStartJson? TestStart);

/// <summary><c>start.test_start</c>: <c>reverse</c> is 1 for a download (<c>-R</c>).</summary>
internal sealed record Iperf3TestStartJson(int Reverse);

/// <summary><c>end</c>: the totals of both sides.</summary>
internal sealed record Iperf3EndJson(Iperf3SumJson? SumReceived, Iperf3SumJson? SumSent);

/// <summary><c>end.sum_received</c> / <c>end.sum_sent</c>.</summary>
internal sealed record Iperf3SumJson(double? BitsPerSecond, double? Seconds, long? Bytes);
