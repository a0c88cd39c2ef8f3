using Auction.Grains.Persistence;
using Auction.Tests.Integration.Postgres;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Client;

/// <summary>`experiment sweep` end to end through the CLI's configuration, against a private PostgreSQL: a run, a resumed rerun, a clashing name.</summary>
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
