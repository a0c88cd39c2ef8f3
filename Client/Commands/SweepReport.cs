using Auction.Client.Cli;
using Auction.Client.Reports;
using Auction.Grains.Persistence;
using Npgsql;

namespace Auction.Client.Commands;

/// <summary><c>auction report --sweep ID</c>: the sweep's cells summarised over their seeds, as a table, CSV and a chart.</summary>
internal static class SweepReport
{
    public static async Task<int> RunAsync(ReportCommand.Settings settings, string connectionString, CancellationToken ct)
    {
        string Excerpt(string s) => s.Length > 60 ? s[..60] + "…" : s;
        if (RequestWindow.Parse(settings.Window) is not { } window)
            return DatabaseErrors.Fail(ExitCodes.BadInput, $"error: --window must be FROM..TO with 0 ≤ FROM ≤ TO, got '{Excerpt(settings.Window)}'");
        Func<SweepCellSummary, SampleSummary?>? metric = settings.Metric switch
        {
            "faulty-win-share" => c => c.FaultyWinShare,
            "mean-rating" => c => c.MeanRating,
            _ => null,
        };
        if (metric is null)
            return DatabaseErrors.Fail(ExitCodes.BadInput, $"error: --metric must be 'faulty-win-share' or 'mean-rating', got '{Excerpt(settings.Metric)}'");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            Guid sweepId;
            if (Guid.TryParse(settings.Sweep, out var parsed)) sweepId = parsed;
            else if (await SweepResults.IdByNameAsync(dataSource, settings.Sweep!, ct) is { } named) sweepId = named;
            else return DatabaseErrors.Fail(ExitCodes.BadInput, $"error: --sweep must be a sweep id or name, got '{Excerpt(settings.Sweep!)}', which names no sweep");
            if (await SweepResults.FindAsync(dataSource, sweepId, ct) is not { } sweep)
                return DatabaseErrors.Fail(ExitCodes.BadInput, $"error: --sweep {sweepId}: no sweep with that id");
            var cells = SweepResults.Summarise(await SweepResults.ReadAsync(dataSource, sweepId, window, ct));
            if (cells.Count == 0)
                return DatabaseErrors.Fail(ExitCodes.BadInput, $"error: sweep {sweepId} has no completed experiment with requests in {window} yet");
            string? axis = settings.Axis ?? sweep.Axes.FirstOrDefault(a => cells.All(c => double.TryParse(c.Cell.GetValueOrDefault(a), System.Globalization.CultureInfo.InvariantCulture, out _)))
                           ?? sweep.Axes.FirstOrDefault();
            if (settings.Chart is not null && (axis is null || !sweep.Axes.Contains(axis)))
                return DatabaseErrors.Fail(ExitCodes.BadInput, $"error: --axis must be one of the sweep's axes ({string.Join(", ", sweep.Axes)}), got '{Excerpt(axis ?? "")}'");

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
                return DatabaseErrors.Fail(ExitCodes.BadInput, $"error: cannot write the report file: {e.Message}");
            }
            Terminal.Create().Write(SweepTable.Create($"sweep {sweep.Name} ({sweepId})", sweep.Axes, cells, window));
            foreach (var line in written) Console.Out.WriteLine(line);
            return ExitCodes.Success;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return DatabaseErrors.Fail(ExitCodes.Unreachable, DatabaseErrors.Describe(connectionString, e));
        }
    }
}
