using System.Globalization;
using Spectre.Console;

namespace Auction.Client.Bench;

/// <summary><c>bench shaping</c>'s figures for a reader: configured vs measured rate per flow size.</summary>
public static class ShapingBenchTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ShapingFigure> figures, int hz, int repeat)
    {
        if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 160); // a redirected report keeps its table rows whole
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"bench shaping: one lab provider, tc tbf both ways (HZ {hz}), upload and download of each flow size at the same time, receiver-side MB/s (iperf3), median of {repeat}")));
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in new[] { "configured MB/s", "flow MB each way", "burst up/down kB", "measured up MB/s", "measured down MB/s", "up / configured", "down / configured", "up range", "down range", "s" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var f in figures)
        {
            table.AddRow(N(f.ConfiguredMBps), N(f.FlowMb), string.Create(CultureInfo.InvariantCulture, $"{f.UpBurstBytes / 1e3:0.0}/{f.DownBurstBytes / 1e3:0.0}"),
                f.Error is null ? N(f.UpMBps) : "failed", f.Error is null ? N(f.DownMBps) : Markup.Escape(f.Error),
                R(f.UpRatio), R(f.DownRatio), ShapingFigure.Range(f.UpRuns, f.ConfiguredMBps) ?? "–", ShapingFigure.Range(f.DownRuns, f.ConfiguredMBps) ?? "–",
                f.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    private static string N(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–";

    private static string R(double? ratio) => ratio?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–";
}
