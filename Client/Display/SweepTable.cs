using System.Globalization;
using Auction.Client.Reports;
using Spectre.Console;

namespace Auction.Client.Display;

/// <summary>A sweep's summary as a console table: per cell and strategy/variant, n seeds and each metric's mean, 95 % CI, median and range.</summary>
public static class SweepTable
{
    private static string Ci(SampleSummary? s) => s is null ? "–" : double.IsNaN(s.CiLow)
        ? $"{s.Mean:0.000} (n=1)"
        : $"{s.Mean:0.000} [{s.CiLow:0.000}, {s.CiHigh:0.000}]";

    public static Table Create(string title, IReadOnlyList<string> axes, IReadOnlyList<SweepCellSummary> cells, RequestWindow window)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (var axis in axes) table.AddColumn(Markup.Escape(axis));
        table.AddColumn("strategy");
        table.AddColumn("decision variant");
        table.AddColumn(new TableColumn("seeds").RightAligned());
        table.AddColumn(Markup.Escape($"faulty-win share {window}: mean [95 % CI]"));
        table.AddColumn("median (min–max)");
        table.AddColumn(Markup.Escape($"mean rating {window}: mean [95 % CI]"));
        foreach (var c in cells)
        {
            var row = axes.Select(a => c.Cell.GetValueOrDefault(a, "")).ToList();
            row.Add(c.Strategy);
            row.Add(c.Variant);
            row.Add((c.FaultyWinShare?.N ?? c.MeanRating?.N ?? 0).ToString(CultureInfo.InvariantCulture));
            row.Add(Ci(c.FaultyWinShare));
            row.Add(c.FaultyWinShare is { } f ? $"{f.Median:0.000} ({f.Min:0.000}–{f.Max:0.000})" : "–");
            row.Add(Ci(c.MeanRating));
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        return table;
    }
}
