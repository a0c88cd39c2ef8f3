using Auction.Grains.Interfaces.Models;
using ScottPlot;

namespace Auction.Client.Reports;

/// <summary>
/// The report's PNG: three panels stacked over the requests (numbered from 1), one colour per strategy (its decision's, as in the sweep charts: <see cref="DecisionStyles"/>) — the running
/// faulty-win share, the rating of each request, and measured vs requested throughput — with the world's schedule
/// changes (<see cref="WorldMarks"/>) marked on each.
/// </summary>
public static class ExperimentChart
{
    /// <summary>Draws the chart to <paramref name="path"/>, with a dashed vertical line and its label at each of <paramref name="marks"/> on every panel.</summary>
    public static void Save(
        string path, string title, IReadOnlyCollection<TransactionRecord> records, IReadOnlyList<WorldMark> marks, int width, int height)
    {
        var series = StrategySeries.From(records);
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        var share = multiplot.GetPlot(0);
        var rating = multiplot.GetPlot(1);
        var speed = multiplot.GetPlot(2);

        share.Title($"{title}: running faulty-win share");
        share.YLabel("faulty-win share (%)");
        rating.Title("rating per request (1 = got what was asked)");
        rating.YLabel("rating");
        speed.Title("measured (points) and requested (lines) throughput per request");
        speed.YLabel("throughput (MB/s)");

        double maxSpeed = 1, lastRequest = 1;
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = Color.FromHex(DecisionStyles.For(SweepDecision.Of(records.First(r => r.Strategy == s.Strategy))).Color);
            if (s.Positions.Length > 0)
            {
                var line = share.Add.Scatter(s.Positions, s.RunningFaultyShare.Select(v => v * 100).ToArray(), color);
                line.LegendText = s.Strategy;
                line.MarkerSize = 3;
                line.LineWidth = 2;
                lastRequest = Math.Max(lastRequest, s.Positions.Max());
            }

            if (s.Ratings.Length > 0)
            {
                var points = rating.Add.Scatter(s.RatingPositions, s.Ratings, color);
                points.LegendText = s.Strategy;
                points.MarkerSize = 5;
                points.LineWidth = 1;
                lastRequest = Math.Max(lastRequest, s.RatingPositions.Max());
            }

            maxSpeed = Math.Max(maxSpeed, Throughput(speed, s.Strategy, "downlink", s.DownlinkPositions, s.MeasuredDownlink, s.RequestedDownlink,
                color, MarkerShape.FilledCircle, LinePattern.Dashed));
            maxSpeed = Math.Max(maxSpeed, Throughput(speed, s.Strategy, "uplink", s.UplinkPositions, s.MeasuredUplink, s.RequestedUplink,
                color, MarkerShape.OpenTriangleUp, LinePattern.Dotted));
            if (s.DownlinkPositions.Length > 0) lastRequest = Math.Max(lastRequest, s.DownlinkPositions.Max());
            if (s.UplinkPositions.Length > 0) lastRequest = Math.Max(lastRequest, s.UplinkPositions.Max());
        }

        share.Axes.SetLimitsY(-5, 105);
        rating.Axes.SetLimitsY(-0.05, 1.05);
        speed.Axes.SetLimitsY(0, maxSpeed * 1.15);
        foreach (var plot in new[] { share, rating, speed })
        {
            plot.XLabel("request");
            plot.Axes.SetLimitsX(0.5, lastRequest + 0.5);
            // Requests are counted: ticks on whole numbers only.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            foreach (var mark in marks) plot.Add.VerticalLine(mark.Request, 1, Colors.Gray, LinePattern.Dashed);
            plot.ShowLegend(Edge.Right);
            // The same margins on every panel (room for the widest legend), so that their request axes line up.
            plot.Layout.Fixed(new PixelPadding(70, 250, 50, 40));
        }

        // Labelled once, on the top panel, written upwards beside their line so that close marks do not cover each other.
        foreach (var mark in marks)
        {
            var label = share.Add.Text(mark.Label, mark.Request, 100);
            label.LabelRotation = -90;
            label.LabelAlignment = Alignment.LowerRight;
            label.LabelFontSize = 10;
            label.LabelFontColor = Colors.DimGray;
        }

        if (series.Count == 0) share.Title($"{title}: no transactions");
        multiplot.SavePng(path, width, height);
    }

    /// <summary>One strategy's measured rates as points and requested rates as a line over the requests; the largest rate drawn.</summary>
    private static double Throughput(
        Plot plot, string strategy, string direction, double[] positions, double[] measured, double[] requested,
        Color color, MarkerShape shape, LinePattern pattern)
    {
        if (positions.Length == 0) return 0;
        var points = plot.Add.ScatterPoints(positions, measured, color);
        points.LegendText = $"{strategy} {direction}";
        points.MarkerShape = shape;
        points.MarkerSize = 6;
        var asked = plot.Add.ScatterLine(positions, requested, color);
        asked.LegendText = $"{strategy} requested {direction}";
        asked.LinePattern = pattern;
        asked.LineWidth = 1;
        return Math.Max(measured.Max(), requested.Max());
    }
}
