using Auction.Grains.Persistence;
using Auction.Tests.Integration.Postgres;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Client;

/// <summary>`experiment sweep` end to end through the CLI's configuration, against a private PostgreSQL: a run and its report, a resumed rerun, a clashing name.</summary>
[Collection(ConsolePostgresCollection.Name)]
public sealed class ExperimentSweepTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "sweepcli")
{
    private readonly string _directory = Directory.CreateTempSubdirectory("auction-sweep-cli-").FullName;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string Sweep(string file, int requests)
    {
        var path = Path.Combine(_directory, file);
        File.WriteAllText(path, $$"""
            {
              "name": "cli-sweep", "mode": "simulated", "seeds": { "from": 1, "to": 2 },
              "experiment": { "requests": { "count": {{requests}} }, "time_scale": 0, "topology": { "providers": 4 } },
              "axes": [ { "field": "topology.faulty", "values": [1] } ]
            }
            """);
        return path;
    }

    [PostgresFact]
    public async Task A_sweep_runs_its_cells_a_rerun_skips_them_and_another_grid_under_the_same_name_is_refused()
    {
        var config = Sweep("sweep.json", 3);

        var first = CliRunner.Run(null, "experiment", "sweep", "--config", config, "--parallel", "1", "--connection", ConnectionString);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("'cli-sweep' (new): 2 experiment(s) over topology.faulty × seed, simulated mode, 1 at a time", first.Out);
        Assert.Contains(": 2 experiment(s) completed now, 0 already stored, 0 not completed;", first.Out);
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM experiments WHERE status = 'completed' AND sweep_id IS NOT NULL"));
        Assert.Equal(6L, await ScalarAsync<long>("SELECT count(*) FROM transactions"));
        var sweepId = await ScalarAsync<Guid>("SELECT id FROM sweeps WHERE name = 'cli-sweep'");
        Assert.Contains($"see it with: auction report sweep {sweepId}", first.Out);

        // the three requests are numbers 1..3; the default window (21..60) has none of them
        var cells = Path.Combine(_directory, "cells.csv");
        var report = CliRunner.Run(null, "report", "sweep", "cli-sweep", "--window", "1..3", "--csv", cells, "--connection", ConnectionString);
        Assert.True(report.ExitCode == 0, report.Error);
        var rows = File.ReadAllLines(cells);
        var window = Array.IndexOf(rows[0].Split(','), "window");
        var seeds = Array.IndexOf(rows[0].Split(','), "seeds");
        Assert.Contains($"wrote {rows.Length - 1} cell row(s) to {cells}", report.Out);
        Assert.True(rows.Length > 1, "no cell rows");
        Assert.All(rows.Skip(1), row => Assert.Equal(("1–3", "2"), (row.Split(',')[window], row.Split(',')[seeds])));
        var empty = CliRunner.Run(null, "report", "sweep", sweepId.ToString(), "--connection", ConnectionString);
        Assert.Equal(2, empty.ExitCode);
        Assert.Equal($"error: sweep {sweepId} has no completed experiment with requests in 21–60 yet", empty.Error.Trim());

        var rerun = CliRunner.Run(null, "experiment", "sweep", "--config", config, "--parallel", "1", "--connection", ConnectionString);

        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("'cli-sweep' (resumed)", rerun.Out);
        Assert.Contains(": 0 experiment(s) completed now, 2 already stored, 0 not completed;", rerun.Out);
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM experiments"));

        var other = CliRunner.Run(null, "experiment", "sweep", "--config", Sweep("other.json", 4), "--connection", ConnectionString);

        Assert.Equal(2, other.ExitCode);
        Assert.Equal("error: name: a sweep named 'cli-sweep' is stored with another config; give this grid another name (or run the stored one unchanged to resume it).",
            other.Error.Trim());
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM experiments"));
    }
}
