using System.ComponentModel;
using System.Globalization;
using Auction.Client.Results;
using Auction.Grains.Persistence;
using Npgsql;
using Auction.Client.Cli;
using Auction.Client.Database;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary><c>auction results</c>: prints an experiment's summary (the experiment_summary view) and exports CSV.</summary>
public sealed class ResultsCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ResultsCommand.Settings>
{
    public sealed class Settings : RequiredDatabaseSettings
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

        /// <summary>The experiment asked for; null for the latest.</summary>
        public Guid? ExperimentId { get; private set; }

        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } database) return database;
            var experiment = ExperimentArgument.Parse(Experiment, "--experiment", out var id);
            ExperimentId = id;
            return experiment;
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var connectionString = settings.ConnectionString;
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var (experiment, missing) = await ExperimentArgument.FindAsync(new ExperimentStore(dataSource), settings.ExperimentId, "--experiment", cancellationToken);
            if (experiment is null) return streams.Fail(ExitCodes.BadInput, missing!);

            var rows = await ExperimentSummaryRow.ReadAsync(dataSource, experiment.Id, cancellationToken);
            if (settings.Json)
                console.WriteText(SummaryJson.Write(experiment, rows));
            else
                console.Write(SummaryTable.Create(experiment, rows));

            if (settings.Csv is { } csv)
            {
                var transactions = await TransactionRows.ReadAsync(dataSource, experiment.Id, cancellationToken);
                try
                {
                    await TransactionCsv.WriteAsync(csv, transactions, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return streams.Fail(ExitCodes.BadInput, $"error: --csv {csv}: {e.Message}");
                }

                var wrote = $"wrote {transactions.Count} transaction(s) to {csv}";
                if (settings.Json) streams.Error.WriteLine(wrote);
                else console.WriteText(wrote);
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return streams.Fail(ExitCodes.Unreachable, DatabaseErrors.Describe(connectionString, e));
        }
    }
}
