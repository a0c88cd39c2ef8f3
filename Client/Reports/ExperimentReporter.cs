using Auction.Client.Database;
using Auction.Client.Results;
using Auction.Grains.Persistence;
using Npgsql;

namespace Auction.Client.Reports;

/// <summary>
/// Reads an experiment's summary from PostgreSQL and writes the files asked for (transactions as CSV, a chart), for
/// <c>report experiment</c> and <c>results</c>. The files are written before anything is returned, so a command
/// prints the summary only when every file went in.
/// </summary>
public sealed class ExperimentReporter(string connectionString)
{
    public async Task<ReportOutcome<ExperimentReport>> MakeAsync(ExperimentReportRequest request, CancellationToken ct)
    {
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var store = new ExperimentStore(dataSource);
            var experiment = request.ExperimentId is { } wanted ? await store.GetAsync(wanted, ct) : await store.GetLatestAsync(ct);
            if (experiment is null)
                return new ReportOutcome<ExperimentReport>.BadInput(request.ExperimentId is { } id
                    ? $"error: {request.ArgumentName} {id}: no experiment with that id"
                    : "error: the database holds no experiment yet");

            var rows = await ExperimentSummaryRow.ReadAsync(dataSource, experiment.Id, ct);
            var transactions = request.Csv is not null || request.Chart is not null
                ? await TransactionRows.ReadAsync(dataSource, experiment.Id, ct)
                : [];
            var (marks, worldProblems) = request.Chart is not null
                ? await WorldMarkReader.ReadAsync(store, experiment.Id, transactions, ct)
                : ([], []);
            var notes = worldProblems.Select(p => $"the world's changes are not marked: {p}").ToList();
            try
            {
                if (request.Csv is { } csv)
                {
                    await TransactionCsv.WriteAsync(csv, transactions, ct);
                    notes.Add($"wrote {transactions.Count} transaction(s) to {csv}");
                }

                if (request.Chart is { } chart)
                {
                    ExperimentChart.Save(chart, experiment.Name, transactions, marks, request.Width, request.Height);
                    notes.Add($"wrote a {request.Width}×{request.Height} chart of {transactions.Count} transaction(s) to {chart}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new ReportOutcome<ExperimentReport>.BadInput($"error: cannot write the report file: {e.Message}");
            }

            return new ReportOutcome<ExperimentReport>.Made(new ExperimentReport(experiment, rows), notes);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return new ReportOutcome<ExperimentReport>.Unreachable(DatabaseErrors.Describe(connectionString, e));
        }
    }
}
