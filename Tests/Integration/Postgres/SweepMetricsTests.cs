using Auction.Client.Reports;
using Auction.Client.Sweeps;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// A sweep's per-experiment metrics by hand, through `report sweep`'s reader (any window) and the view
/// sweep_experiment_metrics (stored sequence 20..59, requests 21..60); both come from one database function, so they must agree.
///
/// One cell, consumer_tau 1 (stored sequence numbers; request numbers, as --window takes them, are one more):
///   seed 7 (completed): 19 faulty 0.0 (before every window), 20 faulty 0.2, 21 honest 0.6, 22 honest 1.0, 23 failed
///     => window 21..22 (sequence 20 and 21): faulty share 1/2, mean rating 0.4; window 21..60: 1/3 (the failure has no winner), 0.6
///   seed 8 (completed): 20 honest 0.4, 21 honest 0.8 => faulty share 0, mean rating 0.6 in both windows
///   seed 9 (interrupted): 20 faulty 0.1 => never counted
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SweepMetricsTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "sweepmetrics")
{
    private const double Tolerance = 1e-9;
    private const string Cell = """{"parameters.consumer_tau": 1}""";
    private Guid _sweep;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
        var sweeps = new SweepStore(DataSource);
        _sweep = (await sweeps.FindOrCreateAsync("metrics-test", """{"axes": []}""", CancellationToken.None)).Id!.Value;
        await SweepExperiments.AddAsync(DataSource, _sweep, Cell, 7, ExperimentStatus.Completed, id =>
        [
            Won(id, 19, faulty: true, 0.0), Won(id, 20, faulty: true, 0.2), Won(id, 21, faulty: false, 0.6),
            Won(id, 22, faulty: false, 1.0), TestRecords.Failed(id, 23, "auction", "no bids"),
        ]);
        await SweepExperiments.AddAsync(DataSource, _sweep, Cell, 8, ExperimentStatus.Completed, id => [Won(id, 20, faulty: false, 0.4), Won(id, 21, faulty: false, 0.8)]);
        await SweepExperiments.AddAsync(DataSource, _sweep, Cell, 9, ExperimentStatus.Interrupted, id => [Won(id, 20, faulty: true, 0.1)]);
    }

    [PostgresFact]
    public async Task The_report_reads_any_window_of_the_completed_experiments()
    {
        var rows = await SweepResults.ReadAsync(DataSource, _sweep, new RequestWindow(21, 22), CancellationToken.None);

        Assert.Equal([7, 8], rows.Select(r => r.Seed));
        Assert.All(rows, r => Assert.Equal("1", r.Cell["parameters.consumer_tau"]));
        Assert.Equal(0.5, rows[0].FaultyWinShare!.Value, Tolerance);
        Assert.Equal(0.4, rows[0].MeanRating!.Value, Tolerance);
        Assert.Equal(0.0, rows[1].FaultyWinShare!.Value, Tolerance);
        Assert.Equal(0.6, rows[1].MeanRating!.Value, Tolerance);
        var cell = Assert.Single(SweepResults.Summarise(rows));
        Assert.Equal(2, cell.FaultyWinShare!.N);
        Assert.Equal(0.25, cell.FaultyWinShare.Mean, Tolerance);
    }

    [PostgresFact]
    public async Task The_view_gives_the_reports_figures_for_the_specifications_window()
    {
        var report = await SweepResults.ReadAsync(DataSource, _sweep, RequestWindow.Default, CancellationToken.None);
        await using var command = DataSource.CreateCommand("""
            SELECT seed, faulty_win_share, mean_rating FROM sweep_experiment_metrics WHERE sweep_id = @id ORDER BY seed
            """);
        command.Parameters.AddWithValue("id", _sweep);
        var view = new List<(long Seed, double Share, double Rating)>();
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                view.Add((r.GetInt64(0), r.GetDouble(1), r.GetDouble(2)));
            }
        }

        Assert.Equal([7L, 8L], view.Select(v => v.Seed));
        Assert.Equal(1.0 / 3, view[0].Share, Tolerance);
        Assert.Equal(0.6, view[0].Rating, Tolerance);
        Assert.Equal(0.0, view[1].Share, Tolerance);
        Assert.Equal(view.Select(v => (v.Seed, v.Share, v.Rating)), report.Select(r => ((long)r.Seed, r.FaultyWinShare!.Value, r.MeanRating!.Value)));
    }

    [PostgresFact]
    public async Task The_readable_sweep_summary_rounds_and_names_units()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT seeds, faulty_win_percent_mean, faulty_win_percent_max, mean_rating_mean, mean_rating_sd
            FROM sweep_summary_readable WHERE sweep_id = @id
            """);
        command.Parameters.AddWithValue("id", _sweep);
        await using var r = await command.ExecuteReaderAsync();

        Assert.True(await r.ReadAsync(), "no sweep_summary_readable row");
        Assert.Equal(2, r.GetInt32(0));
        Assert.Equal(16.7m, r.GetDecimal(1));   // (1/3 + 0) / 2
        Assert.Equal(33.3m, r.GetDecimal(2));
        Assert.Equal(0.600m, r.GetDecimal(3));
        Assert.Equal(0.000m, r.GetDecimal(4));  // both 0.6
        Assert.False(await r.ReadAsync(), "one cell, one strategy: one row");
    }

    private static TransactionRecord Won(Guid experimentId, int sequence, bool faulty, double rating) =>
        TestRecords.Completed(experimentId, sequence, "auction", 100, faulty ? "provider-5" : "provider-1", faulty, rating, 0.2, 10, 10, 10, 10);
}
