using Auction.Grains.Interfaces.Models;
using System.Globalization;
using Auction.Client.Results;
using Auction.Client.Statistics;
using Auction.Grains.Persistence;
using Spectre.Console;

namespace Auction.Client.Display;

/// <summary>The summary table of an experiment, as <c>report experiment</c> and <c>experiment run</c> print it.</summary>
public static class SummaryTable
{
    /// <summary>The world part of the caption: its name and the start of its checksum, or nothing without a world.</summary>
    private static string World(ExperimentRow experiment) => experiment.WorldName is { } name
        ? Markup.Escape($"\nworld '{Auction.Client.Cli.Excerpt.Of(name)}', checksum {experiment.WorldChecksum?[..Math.Min(12, experiment.WorldChecksum.Length)]}")
        : "";

    /// <summary>Metrics down, one column per strategy: auction and naive side by side fit an 80-column terminal.</summary>
    public static Table Create(ExperimentRow experiment, IReadOnlyList<ExperimentSummaryRow> rows)
    {
        var table = new Table()
            // The name alone on top and the id below: name, id and status together are wider than the table and wrapped.
            .Title(Markup.Escape(Auction.Client.Cli.Excerpt.Of(experiment.Name)))
            .Caption($"experiment {experiment.Id}, {ExperimentStore.StatusName(experiment.Status)}{World(experiment)}\np50/p95: {Quantiles.Definition}")
            .AddColumn("metric");
        foreach (var row in rows)
        {
            var name = row.Aggregator is AggregatorNames.ZScore or AggregatorNames.None ? row.Strategy : $"{row.Strategy}/{row.Aggregator}";
            table.AddColumn(new TableColumn(Markup.Escape(row.Simulated ? name + " (simulated)" : name)).RightAligned());
        }

        if (rows.Count == 0)
        {
            // Spectre refuses a column added after rows, so the placeholder comes first.
            table.AddColumn(new TableColumn("(no transactions)").RightAligned());
        }

        void Add(string metric, Func<ExperimentSummaryRow, string> value) =>
            table.AddRow(rows.Count == 0 ? [metric, "-"] : [metric, .. rows.Select(r => Markup.Escape(value(r)))]);

        Add("transactions", r => Int(r.Transactions));
        Add("completed", r => Int(r.Completed));
        Add("failed", r => Int(r.Failed));
        Add("decision ms mean", r => Fixed(r.MeanDecisionMs, "F1"));
        Add("decision ms p50", r => Fixed(r.P50DecisionMs, "F1"));
        Add("decision ms p95", r => Fixed(r.P95DecisionMs, "F1"));
        Add("mean rating", r => Fixed(r.MeanRating, "F3"));
        Add("faulty-win share", r => Fixed(r.FaultyWinShare, "F3"));
        Add("mean price paid", r => Fixed(r.MeanPricePaid, "F3"));
        Add("uplink MB/s measured / requested", r => $"{Fixed(r.MeanMeasuredUplink, "F2")} / {Fixed(r.MeanRequestedUplink, "F2")}");
        Add("downlink MB/s measured / requested", r => $"{Fixed(r.MeanMeasuredDownlink, "F2")} / {Fixed(r.MeanRequestedDownlink, "F2")}");
        return table;
    }

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double? x, string format) => x?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
