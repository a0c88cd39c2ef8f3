using System.Globalization;
using System.Text;

namespace Auction.Client.Reports;

/// <summary>A sweep's summary as CSV: per cell and strategy/variant, the window, n seeds and each metric's mean, 95 % CI, sd, median and range.</summary>
public static class SweepCsv
{
    private static string F(double x) => double.IsNaN(x) ? "" : x.ToString("0.####", CultureInfo.InvariantCulture);

    public static async Task WriteAsync(string path, IReadOnlyList<string> axes, IReadOnlyList<SweepCellSummary> cells, RequestWindow window, CancellationToken ct)
    {
        var text = new StringBuilder();
        var header = axes.Concat(["strategy", "decision_variant", "window", "seeds"])
            .Concat(new[] { "faulty_win_share", "mean_rating" }.SelectMany(m => new[] { "mean", "ci95_low", "ci95_high", "sd", "median", "min", "max" }.Select(s => $"{m}_{s}")));
        text.AppendLine(string.Join(',', header.Select(Quote)));
        foreach (var c in cells)
        {
            var fields = axes.Select(a => c.Cell.GetValueOrDefault(a, "")).Concat([c.Strategy, c.Variant, window.ToString(),
                (c.FaultyWinShare?.N ?? c.MeanRating?.N ?? 0).ToString(CultureInfo.InvariantCulture)]);
            foreach (var s in new[] { c.FaultyWinShare, c.MeanRating })
                fields = fields.Concat(s is null ? Enumerable.Repeat("", 7) : [F(s.Mean), F(s.CiLow), F(s.CiHigh), F(s.StdDev), F(s.Median), F(s.Min), F(s.Max)]);
            text.AppendLine(string.Join(',', fields.Select(Quote)));
        }
        await File.WriteAllTextAsync(path, text.ToString(), ct);
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}
