using System.Globalization;
using Auction.Client.Experiments;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Grains.Resilience;
using Npgsql;
using NpgsqlTypes;

namespace Auction.Client.Sweeps;

/// <summary>
/// Runs the experiments of a <see cref="SweepPlan"/> that are not stored as completed yet, each an ordinary
/// experiment tagged with the sweep and its cell. Simulated experiments run in parallel (each in its own in-process
/// cluster); against a running cluster they run one at a time. Stopping lets running experiments end as interrupted
/// (they are run again by the next rerun) and starts no new one; completed ones stay stored.
/// </summary>
public sealed class SweepRunner(NpgsqlDataSource dataSource, ISweepProgress progress, TimeSpan clusterTimeout)
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(30);

    /// <param name="sharedCluster">the running cluster of the cluster mode; null in the simulated mode.</param>
    public async Task<SweepCounts> RunAsync(
        SweepPlan plan, Guid sweepId, int parallel, IExperimentCluster? sharedCluster, CancellationToken stop)
    {
        var store = new SweepStore(dataSource);
        var finished = await store.FinishedAsync(sweepId, stop);
        var todo = plan.Experiments.Where(e => !finished.Contains((e.CellJson, e.Seed))).ToArray();
        progress.Started(plan.Experiments.Count, plan.Experiments.Count - todo.Length);
        int completed = 0, notCompleted = 0;
        try
        {
            await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = sharedCluster is null ? parallel : 1, CancellationToken = stop },
                async (experiment, ct) =>
                {
                    SweepExperimentResult result;
                    try
                    {
                        result = await RunOneAsync(experiment, sweepId, sharedCluster, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        // One broken cell is reported and left for the next rerun; the rest of the grid goes on.
                        result = new SweepExperimentResult(Guid.Empty, false, $"not completed: {e.GetType().Name}: {e.Message}");
                    }
                    if (result.Completed) Interlocked.Increment(ref completed);
                    else Interlocked.Increment(ref notCompleted);
                    progress.ExperimentEnded(experiment, result);
                });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return new SweepCounts(sweepId, plan.Experiments.Count, plan.Experiments.Count - todo.Length, completed, notCompleted, stop.IsCancellationRequested);
    }

    private async Task<SweepExperimentResult> RunOneAsync(SweepExperiment experiment, Guid sweepId, IExperimentCluster? sharedCluster, CancellationToken stop)
    {
        var config = experiment.Config;
        IExperimentCluster cluster = sharedCluster ?? await SimulatedExperimentCluster.StartAsync(
            config.Topology.Providers ?? 10, config.Seed, config.Parameters, dataSource, clusterTimeout, CancellationToken.None, config.Topology, config.World?.World);
        try
        {
            var registry = cluster.Grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
            var registered = await registry.GetProviders().WaitAsync(TimeSpan.FromSeconds(10));
            var issues = new ConfigIssues();
            var providers = ProviderSelection.Resolve(config, registered, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), issues);
            if (providers is null) return new SweepExperimentResult(Guid.Empty, false, $"not run: {issues.Errors[0].Message}");

            var experiments = new ExperimentStore(dataSource);
            var plan = RequestSequence.Generate(config.Profile, config.Count, config.Seed);
            string strategies = string.Join(',', config.Strategies);
            var startedAt = ExperimentTime.OriginAt(DateTimeOffset.UtcNow);
            var id = Guid.NewGuid();
            var (lease, leaseError) = await ExperimentSession.WorldLeaseAsync(cluster, config.World, id);
            if (leaseError is not null) return new SweepExperimentResult(Guid.Empty, false, $"not run: {leaseError["error: ".Length..]}");
            await using var heldWorld = lease;
            await experiments.CreateAsync(config.Name, strategies, config.Seed, experiment.ConfigJson, id, startedAt, CancellationToken.None, config.World?.Source);
            await new SweepStore(dataSource).TagAsync(id, sweepId, experiment.CellJson, CancellationToken.None);
            // As experiment run: heartbeats (else a long cell reads as abandoned), a bounded wait per request, and a
            // failed row for every request that got no answer.
            await using var heartbeat = new ExperimentHeartbeat(experiments, id);

            var runner = new ExperimentRunner(cluster.Grains, new RunnerOptions
            {
                ExperimentId = id,
                Providers = providers,
                Consumers = config.Consumers,
                Concurrency = config.Concurrency,
                TimeScale = config.TimeScale,
                Parameters = config.Parameters,
                Clock = cluster.ClockFor(startedAt),
                World = config.World,
                Seed = config.Seed,
                AnswerBound = new AnswerBound(
                    TimeSpan.FromMilliseconds((config.Parameters ?? AuctionParameters.Default).PhaseDeadlineMs),
                    AnswerBound.DefaultSlowestRateMBps, TimeSpan.FromSeconds(30)),
                RecordUnanswered = new UnansweredRequestLog(dataSource).RecordAsync,
            }, SilentRunProgress.Instance);
            var runs = new List<StrategyRun>();
            foreach (var strategy in config.Strategies)
            {
                if (stop.IsCancellationRequested) break;
                runs.Add(await runner.RunAsync(strategy, plan, stop, CancellationToken.None));
            }

            bool all = runs.Count == config.Strategies.Count && runs.All(r => !r.Interrupted && r.Fired == plan.Count && r.Errors.Count == 0);
            int returned = runs.Sum(r => r.Records.Count + r.UnansweredRows);
            bool stored = await StoredTransactions.WaitAsync(cluster, dataSource, id, returned, StoreTimeout);
            var status = all && stored ? ExperimentStatus.Completed
                : stop.IsCancellationRequested ? ExperimentStatus.Interrupted
                : ExperimentStatus.Failed;
            await experiments.FinishAsync(id, status, cancellationToken: CancellationToken.None);
            return new SweepExperimentResult(id, status == ExperimentStatus.Completed, Summarise(runs, status));
        }
        finally
        {
            if (sharedCluster is null) await cluster.DisposeAsync();
        }
    }

    private static string Summarise(IEnumerable<StrategyRun> runs, ExperimentStatus status) =>
        ExperimentStore.StatusName(status) + "; " + string.Join(", ", runs.Select(r =>
        {
            var late = r.Records.Where(x => x.Sequence >= 20 && x.WinnerFaulty is not null).ToArray();
            string share = late.Length == 0 ? "–" : (late.Count(x => x.WinnerFaulty == true) / (double)late.Length).ToString("P1", CultureInfo.InvariantCulture);
            return $"{r.Strategy} faulty share {share}";
        }));
}
