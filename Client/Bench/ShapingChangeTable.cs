using System.Globalization;
using Spectre.Console;

namespace Auction.Client.Bench;

/// <summary><c>bench shaping --changes</c>'s figures for a reader: how long a change takes, how exactly flows after it measure, and the outage.</summary>
public static class ShapingChangeTable
{
    public static void Write(IAnsiConsole console, ShapingChangeReport report, int hz)
    {
        if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 160); // a redirected report keeps its table rows whole
        console.MarkupLine(Markup.Escape(Text(
            $"bench shaping --changes {report.Timings.Count}: one lab provider, tc tbf both ways (HZ {hz}) changed in place between {report.RateAMBps} and {report.RateBMBps} MB/s; tbf byte counter sampled every {report.MedianSampleIntervalMs:0.0} ms (median), throughput over {report.WindowMs:0} ms windows")));
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in new[] { "measure", "n", "p50", "p95", "max", "note" })
            table.AddColumn(new TableColumn(column) { Alignment = column is "measure" or "note" ? Justify.Left : Justify.Right });
        var apply = report.Apply;
        table.AddRow("tc change: command → readback confirms (ms)", N(apply.Count), Ms(apply.P50), Ms(apply.P95), Ms(apply.Max), "TcLinkShaper.ApplyAsync, a download running");
        var settle = report.Settle;
        table.AddRow($"download within ±{report.Tolerance:P0} of the new rate: command → (ms)", N(settle.Count), Ms(settle.P50), Ms(settle.P95), Ms(settle.Max),
            report.Unsettled == 0 ? "every change" : $"{report.Unsettled} changes not within {ShapingChangeBenchmark.SettleWait.TotalSeconds:0} s");
        var flow = report.Flows.FirstOrDefault()?.FlowMb ?? 0;
        foreach (var (direction, ratios) in new[] { ("up", report.Flows.Select(f => f.UpRatio)), ("down", report.Flows.Select(f => f.DownRatio)) })
        {
            var measured = ratios.OfType<double>().Order().ToArray();
            table.AddRow(Text($"{flow} MB {direction} after a change: measured / new rate"), N(measured.Length),
                R(measured.Length > 0 ? Percentiles.Of(measured, 50) : null), R(measured.Length > 0 ? Percentiles.Of(measured, 95) : null), R(measured.LastOrDefault()),
                Text($"min {R(measured.FirstOrDefault())}"));
        }
        table.AddRow($"flows after a change within ±{report.Tolerance:P0}, both ways", N(report.Flows.Count), "", "", "",
            Text($"{report.FlowsWithin} of {report.Flows.Count}") + (report.Flows.FirstOrDefault(f => f.Error is not null) is { } failed ? Markup.Escape($"; failed: {failed.Error}") : ""));
        console.Write(table);
        var outage = report.Outage;
        console.MarkupLine(Markup.Escape(outage.FlowFailed
            ? Text($"outage under a running {outage.RateMBps} MB/s flow: it failed {outage.FailedAfterSeconds * 1000:0} ms after the link went down, with \"{outage.FlowError}\"")
            : $"outage under a running {Text($"{outage.RateMBps}")} MB/s flow: the flow did NOT fail"));
        console.MarkupLine(Markup.Escape(outage.AfterError is null
            ? Text($"after the outage: a {flow} MB flow measured {outage.AfterUpMBps:0.###} MB/s up, {outage.AfterDownMBps:0.###} MB/s down")
            : $"after the outage the link did NOT work: {outage.AfterError}"));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string R(double? ratio) => ratio?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–";
}
