using System.Buffers.Binary;
using System.Text.Json;
using Auction.Client.Experiments;
using Auction.Grains.Persistence;
using Auction.Tests.Integration.Postgres;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Client;

/// <summary>`experiment run` and `report` end to end through Program.Run, against a private PostgreSQL.</summary>
[Collection(ConsolePostgresCollection.Name)]
public sealed class ExperimentRunTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "experiment")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    [PostgresFact]
    public async Task A_simulated_run_of_both_strategies_writes_two_rows_per_request_then_report_draws_the_chart()
    {
        var run = CliRunner.Run(null, "experiment", "run", "--simulated", "--simulated-providers", "4", "--config", CliRunner.Example("experiment.json"),
            "--strategy", "both", "--time-scale", "0", "--connection", ConnectionString, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var id = json.RootElement.GetProperty("experiment").GetProperty("id").GetGuid();
        Assert.Equal("database", json.RootElement.GetProperty("summary_source").GetString());
        Assert.Equal(40L, await ScalarAsync<long>("SELECT count(*) FROM transactions"));
        Assert.Equal(40L, await ScalarAsync<long>("SELECT count(*) FROM transactions WHERE experiment_id = @id", ("id", id)));
        Assert.Equal(20L, await ScalarAsync<long>("SELECT count(DISTINCT sequence) FROM transactions WHERE strategy = 'auction' AND experiment_id = @id", ("id", id)));
        Assert.Equal(20L, await ScalarAsync<long>("SELECT count(DISTINCT sequence) FROM transactions WHERE strategy = 'naive' AND experiment_id = @id", ("id", id)));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM transactions WHERE strategy NOT IN ('auction', 'naive')"));
        // the same seeded QoS for both strategies, request by request
        Assert.Equal(20L, await ScalarAsync<long>("""
            SELECT count(*) FROM transactions a JOIN transactions n
              ON a.sequence = n.sequence AND a.strategy = 'auction' AND n.strategy = 'naive'
             AND a.uplink = n.uplink AND a.downlink = n.downlink AND a.price = n.price AND a.flow_size_mb = n.flow_size_mb
            """));
        var experiment = await new ExperimentStore(DataSource).GetAsync(id);
        Assert.NotNull(experiment);
        Assert.Equal(ExperimentStatus.Completed, experiment.Status);
        Assert.Equal("auction,naive", experiment.Strategy);
        Assert.Equal(42L, experiment.Seed);
        Assert.NotNull(experiment.FinishedAt);
        // the printed summary is the view's
        var strategies = json.RootElement.GetProperty("strategies").EnumerateArray().ToArray();
        Assert.Equal(["auction", "naive"], strategies.Select(s => s.GetProperty("strategy").GetString()));
        Assert.Equal(await ScalarAsync<double>("SELECT faulty_win_share FROM experiment_summary WHERE strategy = 'naive'"),
            strategies[1].GetProperty("faulty_win_share").GetDouble());

        var chart = Path.Combine(Path.GetTempPath(), $"auction-chart-{Guid.NewGuid():N}.png");
        var csv = Path.ChangeExtension(chart, ".csv");
        try
        {
            var report = CliRunner.Run(null, "report", "experiment", id.ToString(), "--chart", chart, "--width", "900", "--height", "700", "--csv", csv, "--connection", ConnectionString);

            Assert.True(report.ExitCode == 0, report.Error);
            Assert.Contains($"wrote 40 transaction(s) to {csv}", report.Out);
            Assert.Contains("faulty-win share", report.Out);
            var png = await File.ReadAllBytesAsync(chart);
            Assert.True(png.Length > 10_000, $"the chart has only {png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(900, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.Equal(700, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
            Assert.Equal(41, (await File.ReadAllLinesAsync(csv)).Length);
        }
        finally
        {
            File.Delete(chart);
            File.Delete(csv);
        }
    }

    [PostgresFact]
    public async Task A_simulated_run_in_a_world_file_stores_the_world_with_the_experiment_and_results_name_it()
    {
        var world = CliRunner.Example("world-degrading-best.json");
        var run = CliRunner.Run(null, "experiment", "run", "--simulated", "--world", world, "--count", "4", "--time-scale", "0",
            "--connection", ConnectionString, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var id = json.RootElement.GetProperty("experiment").GetProperty("id").GetGuid();
        var stored = (await new ExperimentStore(DataSource).GetWorldAsync(id))!;
        Assert.Equal(File.ReadAllText(world), stored.Text);
        Assert.Equal("degrading-best", await ScalarAsync<string>("SELECT world_name FROM experiments WHERE id = @id", ("id", id)));

        var results = CliRunner.Run(null, "results", "--experiment", id.ToString(), "--connection", ConnectionString);
        Assert.True(results.ExitCode == 0, results.Error);
        using var shown = JsonDocument.Parse(results.Out);
        Assert.Equal(stored.Checksum, shown.RootElement.GetProperty("experiment").GetProperty("world").GetProperty("checksum").GetString());
    }

    [PostgresFact]
    public async Task An_interrupt_mid_run_leaves_an_interrupted_experiment_with_exactly_the_finished_requests()
    {
        InterruptSignal? signal = null;
        InterruptSignal.Created = s => signal = s;
        try
        {
            // 20 requests about 0.2 s apart (intervals of 1..4 s × 0.1): the interrupt lands while the auction strategy runs.
            var running = Task.Run(() => CliRunner.Run(null, "experiment", "run", "--simulated", "--simulated-providers", "4",
                "--config", CliRunner.Example("experiment.json"), "--strategy", "both", "--time-scale", "0.1",
                "--connection", ConnectionString, "--json"));

            await Eventually.TrueAsync(async () =>
            {
                Assert.False(running.IsCompleted, "the run ended before 3 transactions were stored");
                return await ScalarAsync<long>("SELECT count(*) FROM transactions") >= 3;
            }, TimeSpan.FromSeconds(60), "3 stored transactions");

            Assert.NotNull(signal);
            signal.Interrupt("test interrupt");
            var result = await running.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("test interrupt: no new requests", result.Error);
            using var json = JsonDocument.Parse(result.Out);
            var id = json.RootElement.GetProperty("experiment").GetProperty("id").GetGuid();
            Assert.Equal("interrupted", json.RootElement.GetProperty("experiment").GetProperty("status").GetString());
            var fired = json.RootElement.GetProperty("fired").GetInt32();
            Assert.Equal(fired, json.RootElement.GetProperty("returned").GetInt32());
            Assert.Equal(0, json.RootElement.GetProperty("abandoned").GetInt32());
            Assert.InRange(fired, 3, 19);

            var experiment = await new ExperimentStore(DataSource).GetAsync(id);
            Assert.Equal(ExperimentStatus.Interrupted, experiment!.Status);
            Assert.NotNull(experiment.FinishedAt);
            // every fired request has its one complete row, in sequence, and nothing else: the naive strategy never started
            Assert.Equal((long)fired, await ScalarAsync<long>("SELECT count(*) FROM transactions WHERE experiment_id = @id", ("id", id)));
            Assert.Equal((long)fired, await ScalarAsync<long>(
                "SELECT count(*) FROM transactions WHERE experiment_id = @id AND strategy = 'auction' AND outcome = 'completed' AND winner IS NOT NULL AND rating IS NOT NULL",
                ("id", id)));
            Assert.Equal(fired - 1, await ScalarAsync<int>("SELECT max(sequence) FROM transactions WHERE experiment_id = @id", ("id", id)));
            Assert.Equal((long)fired, await ScalarAsync<long>("SELECT count(DISTINCT sequence) FROM transactions WHERE experiment_id = @id", ("id", id)));
            var summary = json.RootElement.GetProperty("strategies").EnumerateArray().Single();
            Assert.Equal(fired, summary.GetProperty("transactions").GetInt32());
        }
        finally
        {
            InterruptSignal.Created = null;
        }
    }
}
