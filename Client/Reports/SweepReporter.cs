using System.Globalization;
using Auction.Client.Cli;
using Auction.Client.Database;
using Npgsql;

namespace Auction.Client.Reports;

/// <summary>
/// Reads a sweep's completed experiments from PostgreSQL, summarises each cell over its seeds within the request
/// window and writes the files asked for (the table as CSV, a chart), for <c>report sweep</c>. The files are written
/// before anything is returned.
/// </summary>
public sealed class SweepReporter(string connectionString)
{
    public const string FaultyWinShare = "faulty-win-share";
    public const string MeanRating = "mean-rating";

    /// <summary>The metrics a sweep chart can plot.</summary>
    public static IReadOnlyList<string> Metrics { get; } = [FaultyWinShare, MeanRating];

    public async Task<ReportOutcome<SweepReport>> MakeAsync(SweepReportRequest request, CancellationToken ct)
    {
        var window = request.Window;
        Func<SweepCellSummary, SampleSummary?> metric = request.Metric == MeanRating ? c => c.MeanRating : c => c.FaultyWinShare;
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            Guid sweepId;
            if (Guid.TryParse(request.Sweep, out var parsed)) sweepId = parsed;
            else if (await SweepResults.IdByNameAsync(dataSource, request.Sweep, ct) is { } named) sweepId = named;
            else return Refused($"error: SWEEP must be a sweep id or name, got '{Excerpt.Of(request.Sweep)}', which names no sweep");
            if (await SweepResults.FindAsync(dataSource, sweepId, ct) is not { } sweep)
                return Refused($"error: SWEEP {sweepId}: no sweep with that id");
            var cells = SweepResults.Summarise(await SweepResults.ReadAsync(dataSource, sweepId, window, ct));
            if (cells.Count == 0)
                return Refused($"error: sweep {sweepId} has no completed experiment with requests in {window} yet");
            string? axis = request.Axis ?? sweep.Axes.FirstOrDefault(a => cells.All(c => double.TryParse(c.Cell.GetValueOrDefault(a), CultureInfo.InvariantCulture, out _)))
                           ?? sweep.Axes.FirstOrDefault();
            if (request.Chart is not null && (axis is null || !sweep.Axes.Contains(axis)))
                return Refused($"error: --axis must be one of the sweep's axes ({string.Join(", ", sweep.Axes)}), got '{Excerpt.Of(axis ?? "")}'");

            var notes = new List<string>();
            try
            {
                if (request.Csv is { } csv)
                {
                    await SweepCsv.WriteAsync(csv, sweep.Axes, cells, window, ct);
                    notes.Add($"wrote {cells.Count} cell row(s) to {csv}");
                }
                if (request.Chart is { } chart)
                {
                    SweepChart.Save(chart, $"{sweep.Name}: {SweepAxisLabels.Metric(request.Metric)}, requests {window}", request.Metric, metric, axis!, cells,
                        request.Width, Math.Min(request.Height, 700));
                    notes.Add($"wrote a chart of {request.Metric} against {axis} to {chart}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Refused($"error: cannot write the report file: {e.Message}");
            }
            return new ReportOutcome<SweepReport>.Made(new SweepReport(sweepId, sweep.Name, sweep.Axes, cells, window), notes);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return new ReportOutcome<SweepReport>.Unreachable(DatabaseErrors.Describe(connectionString, e));
        }
    }

    private static ReportOutcome<SweepReport> Refused(string line) => new ReportOutcome<SweepReport>.BadInput(line);
}
