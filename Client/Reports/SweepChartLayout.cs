using System.Globalization;

namespace Auction.Client.Reports;

/// <summary>One point of a sweep chart's line: the x value and the metric's mean with its 95 % interval (NaN with one seed).</summary>
public sealed record SweepChartPoint(double X, double Mean, double CiLow, double CiHigh);

/// <summary>
/// One line: a decision (its colour and marker from <see cref="DecisionStyles"/>), and when other axes split one
/// decision into several lines, the line's values of them (<paramref name="Dash"/> 0 solid, 1 dashed, …).
/// </summary>
public sealed record SweepChartSeries(string Label, SweepDecision Decision, DecisionStyle Style, int Dash, IReadOnlyList<SweepChartPoint> Points);

/// <summary>One panel: the lines of one adversary kind (its title the kind in words), or of the whole sweep (no title).</summary>
public sealed record SweepChartPanel(string? Title, IReadOnlyList<SweepChartSeries> Series);

/// <summary>A tick on the x axis: where, and what it says.</summary>
public sealed record SweepChartTick(double X, string Label);

/// <summary>
/// What a sweep chart shows, before any drawing: one panel per adversary kind when a non-x axis varies it, in each one
/// line per decision with the same colour everywhere, the axes in words, and the x ticks — at each value of a count
/// (integers only) or a category, else left to the plotting library (<see cref="IntegerX"/> keeps them whole).
/// </summary>
public sealed record SweepChartLayout(
    string Title, string XLabel, string YLabel, bool IntegerX, IReadOnlyList<SweepChartTick>? XTicks,
    IReadOnlyList<SweepChartPanel> Panels, IReadOnlyList<SweepChartSeries> Legend)
{
    /// <summary>Up to this many values of a count get a tick each; more get automatic whole-number ticks.</summary>
    public const int MaxTickPerValue = 15;

    private static readonly string[] AdversaryOrder = ["liar", "colluder", "on-off"];

    /// <param name="title">the figure's title.</param>
    /// <param name="metricName">the metric's name as the command takes it (<c>faulty-win-share</c>, <c>mean-rating</c>).</param>
    /// <param name="metric">which summary to plot from each cell.</param>
    /// <param name="axis">the sweep axis on the x axis.</param>
    public static SweepChartLayout Of(
        string title, string metricName, Func<SweepCellSummary, SampleSummary?> metric, string axis, IReadOnlyList<SweepCellSummary> cells)
    {
        var xValues = cells.Select(c => c.Cell.GetValueOrDefault(axis, "")).Distinct().ToArray();
        bool numeric = xValues.Length > 0 && xValues.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        bool integer = numeric && xValues.All(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        var ordered = numeric ? xValues.OrderBy(Number).ToArray() : xValues;
        double X(string v) => numeric ? Number(v) : Array.IndexOf(ordered, v);

        IReadOnlyList<SweepChartTick>? ticks =
            !numeric ? ordered.Select((v, i) => new SweepChartTick(i, v)).ToArray()
            : integer && ordered.Length <= MaxTickPerValue ? ordered.Select(v => new SweepChartTick(Number(v), v)).ToArray()
            : null;

        var panelAxis = cells.SelectMany(c => c.Cell.Keys).Distinct().Where(k => k != axis && SweepAxisLabels.IsAdversary(k))
            .OrderBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        // The axes that split a decision into several lines: all but the x axis, the panels' axis and the decision's own fields.
        (string Key, string Text)[] OtherAxes(SweepCellSummary c) => c.Cell
            .Where(kv => kv.Key != axis && kv.Key != panelAxis && !SweepDecision.Fields.Contains(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, kv.Key.Contains('.') ? $"{SweepAxisLabels.Axis(kv.Key)} {kv.Value}" : kv.Value))
            .ToArray();
        string Others(SweepCellSummary c) => string.Join('\u001f', OtherAxes(c).Select(o => $"{o.Key}={o.Text}"));

        // Labels and dashes are decided over the whole figure, so a line looks the same in every panel; a decision split
        // into several lines names each by the values of the axes that differ between them.
        var lines = cells.Select(c => (Decision: SweepDecision.Of(c), Others: Others(c), Axes: OtherAxes(c))).DistinctBy(l => (l.Decision, l.Others))
            .GroupBy(l => l.Decision)
            .SelectMany(g =>
            {
                var differing = g.SelectMany(l => l.Axes).GroupBy(a => a.Key).Where(a => a.Select(v => v.Text).Distinct().Count() > 1)
                    .Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
                return g.OrderBy(l => l.Others, StringComparer.Ordinal)
                    .Select((l, i) => (l.Decision, l.Others,
                        Label: differing.Count == 0 ? l.Decision.Label : $"{l.Decision.Label}, {string.Join(", ", l.Axes.Where(a => differing.Contains(a.Key)).Select(a => a.Text))}",
                        Dash: differing.Count == 0 ? 0 : i));
            })
            .OrderBy(l => DecisionStyles.For(l.Decision).Order).ThenBy(l => l.Decision.Label, StringComparer.Ordinal).ThenBy(l => l.Dash)
            .ToArray();

        var panelValues = panelAxis is null
            ? [null]
            : cells.Select(c => c.Cell.GetValueOrDefault(panelAxis)).Distinct()
                .OrderBy(v => Array.IndexOf(AdversaryOrder, v) is var i and >= 0 ? i : AdversaryOrder.Length).ThenBy(v => v, StringComparer.Ordinal)
                .ToArray();
        var panels = panelValues.Select(value =>
        {
            var inPanel = cells.Where(c => panelAxis is null || c.Cell.GetValueOrDefault(panelAxis) == value).ToArray();
            var series = lines.Select(l => new SweepChartSeries(l.Label, l.Decision, DecisionStyles.For(l.Decision), l.Dash,
                    inPanel.Where(c => SweepDecision.Of(c) == l.Decision && Others(c) == l.Others)
                        .Select(c => (X: X(c.Cell.GetValueOrDefault(axis, "")), S: metric(c)))
                        .Where(p => p.S is not null)
                        .OrderBy(p => p.X)
                        .Select(p => new SweepChartPoint(p.X, p.S!.Mean, p.S.CiLow, p.S.CiHigh))
                        .ToArray()))
                .Where(s => s.Points.Count > 0)
                .ToArray();
            return new SweepChartPanel(value is null ? null : SweepAxisLabels.Adversaries(value), series);
        }).ToArray();

        var legend = lines
            .Select(l => panels.SelectMany(p => p.Series).FirstOrDefault(s => s.Label == l.Label))
            .OfType<SweepChartSeries>()
            .ToArray();
        return new SweepChartLayout(title, SweepAxisLabels.Axis(axis), SweepAxisLabels.MetricAxis(metricName), integer, ticks, panels, legend);
    }

    private static double Number(string v) => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
}
