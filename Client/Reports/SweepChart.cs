using ScottPlot;

namespace Auction.Client.Reports;

/// <summary>
/// The sweep's PNG, drawn from its <see cref="SweepChartLayout"/>: the title and one shared legend across the top,
/// under them one panel per adversary kind (side by side, up to three to a row), in each a line per decision with its
/// 95 % confidence interval as a band, the same colour and marker for a decision in every panel and figure.
/// </summary>
public static class SweepChart
{
    private static readonly LinePattern[] Dashes = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>The height of the title and legend strip: the title plus one line per row of legend entries.</summary>
    private static int HeaderHeight(int legendRows) => 48 + 26 * legendRows;

    /// <param name="metricName">the metric's name as the command takes it (<c>faulty-win-share</c>, <c>mean-rating</c>).</param>
    /// <param name="metric">which summary to plot from each cell.</param>
    public static void Save(
        string path, string title, string metricName, Func<SweepCellSummary, SampleSummary?> metric, string axis,
        IReadOnlyList<SweepCellSummary> cells, int width, int height) =>
        Draw(path, SweepChartLayout.Of(title, metricName, metric, axis, cells), width, height);

    public static void Draw(string path, SweepChartLayout layout, int width, int height)
    {
        // A new multiplot holds one plot already: it becomes the strip with the title and the legend.
        var multiplot = new Multiplot();
        var header = multiplot.Count() > 0 ? multiplot.GetPlot(0) : multiplot.AddPlot();
        header.HideAxesAndGrid();
        header.Layout.Frameless();
        header.Axes.SetLimits(0, 1, 0, 1);
        var heading = header.Add.Text(layout.Title, 0.5, 0.98);
        heading.LabelFontSize = 18;
        heading.LabelBold = true;
        heading.LabelAlignment = Alignment.UpperCenter;
        header.Legend.ManualItems = layout.Legend.Select(LegendEntry).ToList();
        header.Legend.Orientation = Orientation.Horizontal;
        header.Legend.Alignment = Alignment.LowerCenter;
        header.Legend.FontSize = 13;
        header.Legend.IsVisible = layout.Legend.Count > 0;

        int columns = Math.Clamp(layout.Panels.Count, 1, 3);
        int rows = (layout.Panels.Count + columns - 1) / columns;
        int perRow = Math.Max(1, width / 300);
        int legendRows = Math.Max(1, (layout.Legend.Count + perRow - 1) / perRow);
        var panels = new List<Plot>();
        foreach (var panel in layout.Panels)
        {
            var plot = multiplot.AddPlot();
            panels.Add(plot);
            if (panel.Title is { } t) plot.Title(t);
            plot.XLabel(layout.XLabel);
            plot.YLabel(layout.YLabel);
            foreach (var series in panel.Series) AddSeries(plot, series);
            if (layout.XTicks is { } ticks)
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                    ticks.Select(k => k.X).ToArray(), ticks.Select(k => k.Label).ToArray());
            else if (layout.IntegerX)
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            var xs = layout.Panels.SelectMany(p => p.Series).SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(0).ToArray();
            double margin = Math.Max(0.5, (xs.Max() - xs.Min()) * 0.03);
            plot.Axes.SetLimitsX(xs.Min() - margin, xs.Max() + margin);
            plot.Axes.SetLimitsY(-0.02, 1.02);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
            // The same margins in every panel, so that their data areas line up and share one legend.
            plot.Layout.Fixed(new PixelPadding(80, 20, 55, 50));
        }
        if (panels.Count == 0) header.Add.Text("no cell has a value of this metric", 0.5, 0.3);

        multiplot.Layout = new HeaderAndGrid(HeaderHeight(legendRows), rows, columns);
        multiplot.SavePng(path, width, height);
    }

    private static void AddSeries(Plot plot, SweepChartSeries series)
    {
        var color = Color.FromHex(series.Style.Color);
        var withCi = series.Points.Where(p => !double.IsNaN(p.CiLow)).ToArray();
        if (withCi.Length > 1)
        {
            var outline = withCi.Select(p => new Coordinates(p.X, Math.Min(1, p.CiHigh)))
                .Concat(withCi.Reverse().Select(p => new Coordinates(p.X, Math.Max(0, p.CiLow))))
                .ToArray();
            var band = plot.Add.Polygon(outline);
            band.FillColor = color.WithAlpha(0.15);
            band.LineWidth = 0;
        }
        var line = plot.Add.Scatter(series.Points.Select(p => p.X).ToArray(), series.Points.Select(p => p.Mean).ToArray(), color);
        line.LineWidth = 2;
        line.LinePattern = Dashes[series.Dash % Dashes.Length];
        line.MarkerShape = series.Style.Marker;
        line.MarkerSize = 7;
    }

    private static LegendItem LegendEntry(SweepChartSeries series)
    {
        var color = Color.FromHex(series.Style.Color);
        return new LegendItem
        {
            LabelText = series.Label,
            LineColor = color,
            LineWidth = 2,
            LinePattern = Dashes[series.Dash % Dashes.Length],
            MarkerShape = series.Style.Marker,
            MarkerFillColor = color,
            MarkerLineColor = color,
            MarkerSize = 7,
        };
    }

    /// <summary>The first subplot (title and legend) as a strip of fixed height across the top, the others in a grid below it.</summary>
    private sealed class HeaderAndGrid(int headerHeight, int rows, int columns) : IMultiplotLayout
    {
        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
        {
            var rects = new PixelRect[subplots.Count];
            float top = figureRect.Top + Math.Min(headerHeight, figureRect.Height / 2);
            rects[0] = new PixelRect(figureRect.Left, figureRect.Right, top, figureRect.Top);
            float cellWidth = figureRect.Width / columns, cellHeight = (figureRect.Bottom - top) / Math.Max(1, rows);
            for (int i = 1; i < subplots.Count; i++)
            {
                int row = (i - 1) / columns, column = (i - 1) % columns;
                float left = figureRect.Left + column * cellWidth, upper = top + row * cellHeight;
                rects[i] = new PixelRect(left, left + cellWidth, upper + cellHeight, upper);
            }
            return rects;
        }
    }
}
