using Auction.Client.Experiments;
using Auction.Client.Reports;
using Auction.Client.Sweeps;
using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>A sweep interrupted after its first experiment keeps that one; the rerun runs only the rest.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SweepResumeTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "sweep")
{
    private const string Sweep = """
        {
          "name": "resume-test",
          "seeds": [1, 2],
          "experiment": { "requests": { "count": 22 }, "time_scale": 0, "topology": { "providers": 4 } },
          "axes": [ { "field": "topology.faulty", "values": [1, 2] } ]
        }
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    /// <summary>Records what ended, and stops the sweep after the first experiment when asked to.</summary>
    private sealed class Recorder(CancellationTokenSource? stopAfterFirst) : ISweepProgress
    {
        public int AlreadyFinished { get; private set; }
        public List<SweepExperimentResult> Ended { get; } = [];

        public void Started(int total, int alreadyFinished) => AlreadyFinished = alreadyFinished;

        public void ExperimentEnded(SweepExperiment experiment, SweepExperimentResult result)
        {
            lock (Ended) Ended.Add(result);
            stopAfterFirst?.Cancel();
        }
    }

    [PostgresFact]
    public async Task A_rerun_skips_the_completed_experiments_and_runs_the_rest()
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Parse(Sweep, issues);
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        Assert.Equal(4, plan!.Experiments.Count);
        var (sweepId, resumed) = await new SweepStore(DataSource).FindOrCreateAsync(plan.Name, plan.ConfigJson, CancellationToken.None);
        Assert.False(resumed);

        using var stop = new CancellationTokenSource();
        var first = new Recorder(stop);
        var interrupted = await new SweepRunner(DataSource, first, TimeSpan.FromSeconds(60)).RunAsync(plan, sweepId!.Value, 1, null, stop.Token);
        Assert.True(interrupted.Interrupted);
        var kept = Assert.Single(first.Ended);
        Assert.True(kept.Completed, kept.Summary);

        var (again, resumedNow) = await new SweepStore(DataSource).FindOrCreateAsync(plan.Name, plan.ConfigJson, CancellationToken.None);
        Assert.True(resumedNow);
        Assert.Equal(sweepId, again);
        var second = new Recorder(null);
        var rest = await new SweepRunner(DataSource, second, TimeSpan.FromSeconds(60)).RunAsync(plan, sweepId.Value, 2, null, CancellationToken.None);
        Assert.Equal(1, second.AlreadyFinished);
        Assert.Equal(1, rest.Skipped);
        Assert.Equal(3, rest.Completed);
        Assert.DoesNotContain(second.Ended, r => r.ExperimentId == kept.ExperimentId);

        // Every (cell, seed) once, completed; the first experiment is still the one stored for its cell.
        Assert.Equal(4L, await ScalarAsync<long>("SELECT count(*) FROM experiments WHERE sweep_id = @id AND status = 'completed'", ("id", sweepId.Value)));
        Assert.Equal(4L, await ScalarAsync<long>("SELECT count(DISTINCT (sweep_cell::text, seed)) FROM experiments WHERE sweep_id = @id", ("id", sweepId.Value)));
        Assert.Equal("completed", await ScalarAsync<string>("SELECT status FROM experiments WHERE id = @id", ("id", kept.ExperimentId)));

        // The summary: two cells of two seeds each, over requests 21..22.
        var cells = SweepResults.Summarise(await SweepResults.ReadAsync(DataSource, sweepId.Value, new RequestWindow(21, 22), CancellationToken.None));
        Assert.Equal(2, cells.Count);
        Assert.All(cells, c => Assert.Equal(2, c.FaultyWinShare!.N));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM sweep_summary WHERE sweep_id = @id AND seeds = 2", ("id", sweepId.Value)));
    }

    [PostgresFact]
    public async Task The_cluster_mode_runs_one_experiment_after_another_on_the_cluster_it_is_given()
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Parse("""
            {
              "name": "cluster-test", "mode": "cluster", "seeds": [5],
              "experiment": { "requests": { "count": 21 }, "time_scale": 0 },
              "axes": [ { "field": "parameters.consumer_tau", "values": [1, 2] } ]
            }
            """, issues);
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        var (sweepId, _) = await new SweepStore(DataSource).FindOrCreateAsync(plan!.Name, plan.ConfigJson, CancellationToken.None);
        // A running cluster stands for the lab's: its silos (here one in-process silo) write the transactions.
        await using var cluster = await SimulatedExperimentCluster.StartAsync(4, 5, null, DataSource, TimeSpan.FromSeconds(60), CancellationToken.None);
        var progress = new Recorder(null);

        var outcome = await new SweepRunner(DataSource, progress, TimeSpan.FromSeconds(60)).RunAsync(plan, sweepId!.Value, parallel: 8, cluster, CancellationToken.None);

        Assert.Equal(2, outcome.Completed);
        Assert.All(progress.Ended, r => Assert.True(r.Completed, r.Summary));
        // Both experiments on the same four providers, each with its own consumer_tau recorded in its transactions.
        Assert.Equal(2L, await ScalarAsync<long>(
            "SELECT count(DISTINCT consumer_parameters->>'consumer_tau') FROM transactions t JOIN experiments e ON e.id = t.experiment_id WHERE e.sweep_id = @id",
            ("id", sweepId.Value)));
        // What each side used comes back from the row: the consumer's parameters and each provider's behaviour.
        var read = await TransactionRows.ReadAsync(DataSource, progress.Ended[0].ExperimentId);
        Assert.All(read, r => Assert.Contains(r.ConsumerParameters!.ConsumerTau, new[] { 1.0, 2.0 }));
        Assert.All(read, r => Assert.Equal(["honest", "honest", "liar", "liar"], r.ProviderParameters.OrderBy(p => p.Key).Select(p => p.Value.Behaviour)));
        Assert.Equal(42L, await ScalarAsync<long>(
            "SELECT count(*) FROM transactions t JOIN experiments e ON e.id = t.experiment_id WHERE e.sweep_id = @id", ("id", sweepId.Value)));
    }

    [PostgresFact]
    public async Task The_same_name_with_another_grid_is_refused()
    {
        var store = new SweepStore(DataSource);
        var (id, _) = await store.FindOrCreateAsync("grid", """{"a":1}""", CancellationToken.None);
        Assert.NotNull(id);
        var (other, resumed) = await store.FindOrCreateAsync("grid", """{"a":2}""", CancellationToken.None);
        Assert.Null(other);
        Assert.False(resumed);
    }
}
