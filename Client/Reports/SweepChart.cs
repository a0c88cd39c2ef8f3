using System.Globalization;
using ScottPlot;

namespace Auction.Client.Reports;

/// <summary>
/// The sweep's PNG: a metric against one sweep axis, one line per combination of the other axes (and strategy or
/// variant when a cell holds several), the 95 % confidence interval as a band around each line.
/// </summary>
public static class SweepChart
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"),
        Color.FromHex("#ff7f0e"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <param name="metric">which summary to plot from each cell.</param>
    public static void Save(
        string path, string title, string metricName, Func<SweepCellSummary, SampleSummary?> metric, string axis,
        IReadOnlyList<SweepCellSummary> cells, int width, int height)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(axis);
        plot.YLabel($"{metricName} (mean, 95 % CI)");
        var xValues = cells.Select(c => c.Cell.GetValueOrDefault(axis, "")).Distinct().ToArray();
        bool numeric = xValues.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var ordered = numeric
            ? xValues.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : xValues;
        double X(string v) => numeric ? double.Parse(v, CultureInfo.InvariantCulture) : Array.IndexOf(ordered, v);

        var lines = cells.GroupBy(c => SeriesLabel(c, axis, cells)).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            var color = Palette[i % Palette.Length];
            var points = lines[i]
                .Select(c => (X: X(c.Cell.GetValueOrDefault(axis, "")), S: metric(c)))
                .Where(p => p.S is not null)
                .OrderBy(p => p.X)
                .ToArray();
            if (points.Length == 0) continue;
            var xs = points.Select(p => p.X).ToArray();
            var withCi = points.Where(p => !double.IsNaN(p.S!.CiLow)).ToArray();
            if (withCi.Length > 1)
            {
                var outline = withCi.Select(p => new Coordinates(p.X, Math.Min(1, p.S!.CiHigh)))
                    .Concat(withCi.Reverse().Select(p => new Coordinates(p.X, Math.Max(0, p.S!.CiLow))))
                    .ToArray();
                var band = plot.Add.Polygon(outline);
                band.FillColor = color.WithAlpha(0.18);
                band.LineWidth = 0;
            }
            var line = plot.Add.Scatter(xs, points.Select(p => p.S!.Mean).ToArray(), color);
            line.LegendText = lines[i].Key;
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }

        if (!numeric)
            plot.Axes.Bottom.SetTicks(ordered.Select((_, i) => (double)i).ToArray(), ordered);
        plot.Axes.SetLimitsY(-0.02, 1.02);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, width, height);
    }

    /// <summary>The other axes' values, plus strategy/variant when the cells of one point hold more than one.</summary>
    public static string SeriesLabel(SweepCellSummary cell, string axis, IReadOnlyList<SweepCellSummary> all)
    {
        var others = cell.Cell.Where(kv => kv.Key != axis).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value);
        bool several = all.GroupBy(c => string.Join('\u001f', c.Cell.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value))).Any(g => g.Count() > 1);
        var label = string.Join(", ", others);
        if (several) label = (label.Length > 0 ? label + ", " : "") + (cell.Variant == "none" ? cell.Strategy : $"{cell.Strategy} {cell.Variant}");
        return label.Length == 0 ? cell.Strategy : label;
    }
}
