using System.ComponentModel;
using System.Globalization;
using Auction.Client.Results;
using Auction.Grains.Persistence;
using Npgsql;
using Auction.Client.Cli;
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

        [CommandOption("--json")]
        [Description("Print the summary as JSON instead of a table (the CSV line then goes to stderr).")]
        public bool Json { get; init; }
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
                    $"error: --experiment '{Excerpt.Of(settings.Experiment)}' is neither a UUID nor 'latest'");
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
            if (settings.Json)
                Console.Out.WriteLine(SummaryJson.Write(experiment, rows));
            else
                Terminal.Create().Write(SummaryTable.Create(experiment, rows));

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

                (settings.Json ? Console.Error : Console.Out).WriteLine($"wrote {transactions.Count} transaction(s) to {csv}");
            }

            return 0;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return DatabaseErrors.Fail(DatabaseErrors.DatabaseUnavailable, DatabaseErrors.Describe(connectionString, e));
        }
    }
}
