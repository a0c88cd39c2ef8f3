using System.ComponentModel;
using Auction.Client.Cli;
using Auction.Client.Database;
using Auction.Client.Reports;
using Auction.Client.Results;
using Auction.Grains.Persistence;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction report [EXPERIMENT]</c>: the summary per strategy (the same table as <c>results</c>), and on request
/// the transactions as CSV and a PNG chart.
/// </summary>
public sealed class ReportCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ReportCommand.Settings>
{
    public sealed class Settings : RequiredDatabaseSettings
    {
        [CommandArgument(0, "[EXPERIMENT]")]
        [Description("Experiment id (a UUID) or 'latest' (the most recently started). Default: latest.")]
        public string Experiment { get; init; } = "latest";

        [CommandOption("--csv <FILE>")]
        [Description("Write the experiment's transactions to FILE as CSV (one row per transaction).")]
        public string? Csv { get; init; }

        [CommandOption("--chart <FILE>")]
        [Description("Write a PNG chart to FILE: running faulty-win share, rating and measured vs requested throughput per request, per strategy, with the schedule changes of the experiment's world marked.")]
        public string? Chart { get; init; }

        [CommandOption("--width <PIXELS>")]
        [Description("Width of the chart.")]
        [DefaultValue(1000)]
        public int Width { get; init; } = 1000;

        [CommandOption("--height <PIXELS>")]
        [Description("Height of the chart.")]
        [DefaultValue(1200)]
        public int Height { get; init; } = 1200;

        [CommandOption("--json")]
        [Description("Print the summary as JSON instead of a table.")]
        public bool Json { get; init; }

        [CommandOption("--sweep <ID|NAME>")]
        [Description("Report on a sweep instead (its id or name): per cell n seeds, faulty-win share and mean rating over --window as mean with 95 % CI, median and range; --csv writes that table, --chart plots --metric against --axis.")]
        public string? Sweep { get; init; }

        [CommandOption("--window <FROM..TO>")]
        [Description("Sweep report: the requests (0-based sequence numbers, both included) the metrics are computed over.")]
        [DefaultValue("20..59")]
        public string Window { get; init; } = "20..59";

        [CommandOption("--axis <NAME>")]
        [Description("Sweep chart: the sweep axis on the x axis. Default: the first axis whose values are numbers, else the first axis.")]
        public string? Axis { get; init; }

        [CommandOption("--metric <METRIC>")]
        [Description("Sweep chart: 'faulty-win-share' or 'mean-rating'.")]
        [DefaultValue("faulty-win-share")]
        public string Metric { get; init; } = "faulty-win-share";

        /// <summary>The experiment asked for; null for the latest.</summary>
        public Guid? ExperimentId { get; private set; }

        /// <summary>The request window of a sweep report, once <see cref="Validate"/> read --window.</summary>
        public RequestWindow? SweepWindow { get; private set; }

        public override ValidationResult Validate()
        {
            if (Width is < 200 or > 10000) return ValidationResult.Error($"--width must be between 200 and 10000 pixels, got {Width}.");
            if (Height is < 200 or > 10000) return ValidationResult.Error($"--height must be between 200 and 10000 pixels, got {Height}.");
            if (Chart is { } chart && !chart.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                return ValidationResult.Error($"--chart must name a .png file, got '{Excerpt.Of(chart)}'.");
            if (base.Validate() is { Successful: false } database) return database;
            if (Sweep is not null)
            {
                if (RequestWindow.Parse(Window) is not { } window)
                    return ValidationResult.Error($"--window must be FROM..TO with 0 ≤ FROM ≤ TO, got '{Excerpt.Of(Window)}'");
                SweepWindow = window;
                if (Metric is not ("faulty-win-share" or "mean-rating"))
                    return ValidationResult.Error($"--metric must be 'faulty-win-share' or 'mean-rating', got '{Excerpt.Of(Metric)}'");
                return ValidationResult.Success();
            }

            var experiment = ExperimentArgument.Parse(Experiment, "EXPERIMENT", out var id);
            ExperimentId = id;
            return experiment;
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var connectionString = settings.ConnectionString;
        if (settings.Sweep is not null) return await new SweepReport(console, streams).RunAsync(settings, connectionString, cancellationToken);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var (experiment, missing) = await ExperimentArgument.FindAsync(new ExperimentStore(dataSource), settings.ExperimentId, "EXPERIMENT", cancellationToken);
            if (experiment is null) return streams.Fail(ExitCodes.BadInput, missing!);

            var rows = await ExperimentSummaryRow.ReadAsync(dataSource, experiment.Id, cancellationToken);
            var transactions = settings.Csv is not null || settings.Chart is not null
                ? await TransactionRows.ReadAsync(dataSource, experiment.Id, cancellationToken)
                : [];
            var (marks, worldProblems) = settings.Chart is not null
                ? await WorldMarkReader.ReadAsync(new ExperimentStore(dataSource), experiment.Id, transactions, cancellationToken)
                : ([], []);
            var written = worldProblems.Select(p => $"the world's changes are not marked: {p}").ToList();
            try
            {
                if (settings.Csv is { } csv)
                {
                    await TransactionCsv.WriteAsync(csv, transactions, cancellationToken);
                    written.Add($"wrote {transactions.Count} transaction(s) to {csv}");
                }

                if (settings.Chart is { } chart)
                {
                    ExperimentChart.Save(chart, experiment.Name, transactions, marks, settings.Width, settings.Height);
                    written.Add($"wrote a {settings.Width}×{settings.Height} chart of {transactions.Count} transaction(s) to {chart}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return streams.Fail(ExitCodes.BadInput, $"error: cannot write the report file: {e.Message}");
            }

            if (settings.Json)
            {
                console.WriteText(SummaryJson.Write(experiment, rows));
                foreach (var line in written) streams.Error.WriteLine(line);
            }
            else
            {
                console.Write(SummaryTable.Create(experiment, rows));
                foreach (var line in written) console.WriteText(line);
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return streams.Fail(ExitCodes.Unreachable, DatabaseErrors.Describe(connectionString, e));
        }
    }
}
