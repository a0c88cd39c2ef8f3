using Auction.Client.Cli;
using Auction.Client.Database;
using Auction.Client.Reports;
using Auction.Grains.Persistence;
using Npgsql;
using Spectre.Console;

namespace Auction.Client.Commands;

/// <summary><c>auction report --sweep ID</c>: the sweep's cells summarised over their seeds, as a table, CSV and a chart.</summary>
internal sealed class SweepReport(IAnsiConsole console, StandardStreams streams)
{
    /// <summary>Runs on settings their Validate() accepted: a request window and a known metric.</summary>
    public async Task<int> RunAsync(ReportCommand.Settings settings, string connectionString, CancellationToken ct)
    {
        var window = settings.SweepWindow!;
        Func<SweepCellSummary, SampleSummary?> metric = settings.Metric == "mean-rating" ? c => c.MeanRating : c => c.FaultyWinShare;
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            Guid sweepId;
            if (Guid.TryParse(settings.Sweep, out var parsed)) sweepId = parsed;
            else if (await SweepResults.IdByNameAsync(dataSource, settings.Sweep!, ct) is { } named) sweepId = named;
            else return streams.Fail(ExitCodes.BadInput, $"error: --sweep must be a sweep id or name, got '{Excerpt.Of(settings.Sweep!)}', which names no sweep");
            if (await SweepResults.FindAsync(dataSource, sweepId, ct) is not { } sweep)
                return streams.Fail(ExitCodes.BadInput, $"error: --sweep {sweepId}: no sweep with that id");
            var cells = SweepResults.Summarise(await SweepResults.ReadAsync(dataSource, sweepId, window, ct));
            if (cells.Count == 0)
                return streams.Fail(ExitCodes.BadInput, $"error: sweep {sweepId} has no completed experiment with requests in {window} yet");
            string? axis = settings.Axis ?? sweep.Axes.FirstOrDefault(a => cells.All(c => double.TryParse(c.Cell.GetValueOrDefault(a), System.Globalization.CultureInfo.InvariantCulture, out _)))
                           ?? sweep.Axes.FirstOrDefault();
            if (settings.Chart is not null && (axis is null || !sweep.Axes.Contains(axis)))
                return streams.Fail(ExitCodes.BadInput, $"error: --axis must be one of the sweep's axes ({string.Join(", ", sweep.Axes)}), got '{Excerpt.Of(axis ?? "")}'");

            var written = new List<string>();
            try
            {
                if (settings.Csv is { } csv)
                {
                    await SweepTable.WriteCsvAsync(csv, sweep.Axes, cells, window, ct);
                    written.Add($"wrote {cells.Count} cell row(s) to {csv}");
                }
                if (settings.Chart is { } chart)
                {
                    SweepChart.Save(chart, $"{sweep.Name}: {settings.Metric} over requests {window}", settings.Metric, metric, axis!, cells,
                        settings.Width, Math.Min(settings.Height, 700));
                    written.Add($"wrote a chart of {settings.Metric} against {axis} to {chart}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return streams.Fail(ExitCodes.BadInput, $"error: cannot write the report file: {e.Message}");
            }
            console.Write(SweepTable.Create($"sweep {sweep.Name} ({sweepId})", sweep.Axes, cells, window));
            foreach (var line in written) console.WriteText(line);
            return ExitCodes.Success;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return streams.Fail(ExitCodes.Unreachable, DatabaseErrors.Describe(connectionString, e));
        }
    }
}
