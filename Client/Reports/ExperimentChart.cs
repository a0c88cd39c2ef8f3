using Auction.Grains.Interfaces.Models;
using ScottPlot;

namespace Auction.Client.Reports;

/// <summary>
/// The report's PNG: three panels stacked, one colour per strategy — the running faulty-win share over the request
/// sequence, the rating of each request, and measured vs requested throughput (with the line where they are equal).
/// </summary>
public static class ExperimentChart
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"),
        Color.FromHex("#ff7f0e"), Color.FromHex("#8c564b"),
    ];

    public static void Save(string path, string title, IEnumerable<TransactionRecord> records, int width, int height)
    {
        var series = StrategySeries.From(records);
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        var share = multiplot.GetPlot(0);
        var rating = multiplot.GetPlot(1);
        var speed = multiplot.GetPlot(2);

        share.Title($"{title}: running faulty-win share");
        share.XLabel("request number");
        share.YLabel("faulty winners / decided so far");
        rating.Title("rating per request (1 = got what was asked)");
        rating.XLabel("request number");
        rating.YLabel("rating");
        speed.Title("measured vs requested throughput");
        speed.XLabel("requested MB/s");
        speed.YLabel("measured MB/s");

        double maxSpeed = 1;
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = Palette[i % Palette.Length];
            if (s.Positions.Length > 0)
            {
                var line = share.Add.Scatter(s.Positions, s.RunningFaultyShare, color);
                line.LegendText = s.Strategy;
                line.MarkerSize = 3;
                line.LineWidth = 2;
            }

            if (s.Ratings.Length > 0)
            {
                var points = rating.Add.Scatter(s.RatingPositions, s.Ratings, color);
                points.LegendText = s.Strategy;
                points.MarkerSize = 5;
                points.LineWidth = 1;
            }

            if (s.RequestedDownlink.Length > 0)
            {
                var down = speed.Add.ScatterPoints(s.RequestedDownlink, s.MeasuredDownlink, color);
                down.LegendText = $"{s.Strategy} downlink";
                down.MarkerShape = MarkerShape.FilledCircle;
                down.MarkerSize = 6;
                maxSpeed = Math.Max(maxSpeed, Math.Max(s.RequestedDownlink.Max(), s.MeasuredDownlink.Max()));
            }

            if (s.RequestedUplink.Length > 0)
            {
                var up = speed.Add.ScatterPoints(s.RequestedUplink, s.MeasuredUplink, color);
                up.LegendText = $"{s.Strategy} uplink";
                up.MarkerShape = MarkerShape.OpenTriangleUp;
                up.MarkerSize = 7;
                maxSpeed = Math.Max(maxSpeed, Math.Max(s.RequestedUplink.Max(), s.MeasuredUplink.Max()));
            }
        }

        var equal = speed.Add.Line(0, 0, maxSpeed * 1.05, maxSpeed * 1.05);
        equal.LineColor = Colors.Gray;
        equal.LinePattern = LinePattern.Dashed;
        equal.LegendText = "measured = requested";

        share.Axes.SetLimitsY(-0.05, 1.05);
        rating.Axes.SetLimitsY(-0.05, 1.05);
        speed.Axes.SetLimits(0, maxSpeed * 1.05, 0, maxSpeed * 1.05);
        foreach (var plot in new[] { share, rating, speed })
        {
            plot.ShowLegend(Edge.Right);
        }

        if (series.Count == 0) share.Title($"{title}: no transactions");
        multiplot.SavePng(path, width, height);
    }
}
