using System.ComponentModel;
using System.Globalization;
using Auction.Client.Results;
using Auction.Grains.Persistence;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary><c>auction results</c>: prints an experiment's summary (the experiment_summary view) and exports CSV.</summary>
public sealed class ResultsCommand : AsyncCommand<ResultsCommand.Settings>
{
    public sealed class Settings : DatabaseSettings
    {
        [CommandOption("--experiment <ID>")]
        [Description("Experiment id (a UUID) or 'latest' (the most recently started). Default: latest.")]
        [DefaultValue("latest")]
        public string Experiment { get; init; } = "latest";

        [CommandOption("--csv <FILE>")]
        [Description("Also write the experiment's transactions to FILE as CSV (one row per transaction).")]
        public string? Csv { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var connectionString = settings.ResolveConnectionString(out var error);
        if (connectionString is null)
        {
            return DatabaseErrors.Fail(DatabaseErrors.BadInput, $"error: {error}");
        }

        Guid? requested = null;
        if (!string.Equals(settings.Experiment, "latest", StringComparison.OrdinalIgnoreCase))
        {
            if (!Guid.TryParse(settings.Experiment, out var id))
            {
                return DatabaseErrors.Fail(DatabaseErrors.BadInput,
                    $"error: --experiment '{settings.Experiment}' is neither a UUID nor 'latest'");
            }

            requested = id;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var store = new ExperimentStore(dataSource);
            var experiment = requested is { } wanted
                ? await store.GetAsync(wanted, cancellationToken)
                : await store.GetLatestAsync(cancellationToken);
            if (experiment is null)
            {
                return DatabaseErrors.Fail(DatabaseErrors.BadInput, requested is null
                    ? "error: the database holds no experiment yet"
                    : $"error: --experiment {requested}: no experiment with that id");
            }

            var rows = await ExperimentSummaryRow.ReadAsync(dataSource, experiment.Id, cancellationToken);
            AnsiConsole.Write(SummaryTable(experiment, rows));

            if (settings.Csv is { } csv)
            {
                var transactions = await TransactionRows.ReadAsync(dataSource, experiment.Id, cancellationToken);
                try
                {
                    await TransactionCsv.WriteAsync(csv, transactions, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return DatabaseErrors.Fail(DatabaseErrors.BadInput, $"error: --csv {csv}: {e.Message}");
                }

                Console.WriteLine($"wrote {transactions.Count} transaction(s) to {csv}");
            }

            return 0;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return DatabaseErrors.Fail(DatabaseErrors.DatabaseUnavailable, DatabaseErrors.Describe(connectionString, e));
        }
    }

    /// <summary>Metrics down, one column per strategy: auction and naive side by side fit an 80-column terminal.</summary>
    internal static Table SummaryTable(ExperimentRow experiment, IReadOnlyList<ExperimentSummaryRow> rows)
    {
        var table = new Table()
            .Title($"{Markup.Escape(experiment.Name)} ({experiment.Id}, {ExperimentStore.StatusName(experiment.Status)})")
            .AddColumn("metric");
        foreach (var row in rows)
        {
            var name = row.Aggregator == "zscore" ? row.Strategy : $"{row.Strategy}/{row.Aggregator}";
            table.AddColumn(new TableColumn(Markup.Escape(row.Simulated ? name + " (simulated)" : name)).RightAligned());
        }

        void Add(string metric, Func<ExperimentSummaryRow, string> value) =>
            table.AddRow([metric, .. rows.Select(r => Markup.Escape(value(r)))]);

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
        if (rows.Count == 0)
        {
            table.AddColumn("(no transactions)");
        }

        return table;
    }

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double? x, string format) => x?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
