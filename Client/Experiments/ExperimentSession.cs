using System.Text.Json;
using Auction.Client.Cli;
using Auction.Client.Database;
using Auction.Client.Results;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Npgsql;

namespace Auction.Client.Experiments;

/// <summary>
/// Runs one checked experiment config end to end: checks PostgreSQL, starts or joins the cluster, picks the live
/// providers, records the experiment, fires its seeded request sequence once per strategy, waits for the stored
/// transactions, writes the final status and reads the summary back. What stops it before the run comes back as the
/// outcome with its lines; warnings and notices that come with a run go to the output's error writer. It knows no
/// exit codes: the command decides them from the outcome.
/// </summary>
public sealed class ExperimentSession(ExperimentSessionOutput output)
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RegistryWait = TimeSpan.FromSeconds(120);

    public async Task<ExperimentOutcome> RunAsync(ExperimentConfig config, ExperimentSessionOptions options, CancellationToken cancellationToken)
    {
        await using var dataSource = options.ConnectionString is null ? null : NpgsqlDataSource.Create(options.ConnectionString);
        if (dataSource is not null && await CheckDatabaseAsync(dataSource, cancellationToken) is { } dbError)
            return new ExperimentOutcome.Unreachable(dbError);

        using var signal = new InterruptSignal(output.Error);
        var start = await ClusterStart.TryAsync(async () => options.Simulated
            ? await SimulatedExperimentCluster.StartAsync(config.Topology.Providers ?? options.SimulatedProviders, config.Seed, config.Parameters,
                dataSource, options.ConnectTimeout, cancellationToken, config.Topology, config.World?.World)
            : await RemoteExperimentCluster.ConnectAsync(options.Endpoint!, options.ConnectTimeout, cancellationToken));
        if (start.Cluster is not { } cluster)
            return start.CertificateRefused ? new ExperimentOutcome.BadInput([start.Error!]) : new ExperimentOutcome.Unreachable(start.Error!);

        await using (cluster)
        {
            output.Log.WriteLine($"connected: {cluster.Description}");
            var registry = cluster.Grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
            var issues = new ConfigIssues();
            IReadOnlyList<string>? providers;
            try
            {
                var registered = await ProviderRegistration.WaitForLiveAsync(
                    registry, options.MinProviders, options.LiveWithin, RegistryWait, cancellationToken: cancellationToken);
                if (!registered.Enough)
                    return new ExperimentOutcome.Unreachable(
                        $"error: only {registered.Live} of the {options.MinProviders} providers asked for by --min-providers registered within {RegistryWait.TotalSeconds:0} s.");
                providers = ProviderSelection.Resolve(config, registered.Providers, DateTimeOffset.UtcNow, options.LiveWithin, issues);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return new ExperimentOutcome.Unreachable($"error: the provider registry did not answer within 10 s: {e.Message}");
            }

            if (issues.HasErrors || providers is null) return new ExperimentOutcome.BadInput(ConfigIssueReport.ErrorLines(issues));
            ConfigIssueReport.Write(issues, output.Error); // the warnings
            return await RunAsync(config, options, providers, cluster, dataSource, signal, cancellationToken);
        }
    }

    private async Task<ExperimentOutcome> RunAsync(
        ExperimentConfig config, ExperimentSessionOptions options, IReadOnlyList<string> providers, IExperimentCluster cluster,
        NpgsqlDataSource? dataSource, InterruptSignal signal, CancellationToken cancellationToken)
    {
        var plan = RequestSequence.Generate(config.Profile, config.Count, config.Seed);
        var strategyText = string.Join(',', config.Strategies);
        // The experiment's start is its clock's origin: on the virtual clock, requested_at = started_at + experiment time.
        var startedAt = ExperimentTime.OriginAt(DateTimeOffset.UtcNow);
        var clock = cluster.ClockFor(startedAt);
        var experiment = new ExperimentRow(Guid.NewGuid(), config.Name, strategyText, config.Seed,
            ConfigJson(config, providers, options, clock.Kind), startedAt, null, ExperimentStatus.Running, config.World?.Name, config.World?.Checksum);
        // Before anything is written or sent: a running cluster runs one world at a time.
        var (lease, leaseError) = await WorldLeaseAsync(cluster, config.World, experiment.Id);
        if (leaseError is not null) return new ExperimentOutcome.Unreachable(leaseError);
        await using var heldWorld = lease;
        var store = dataSource is null ? null : new ExperimentStore(dataSource);
        try
        {
            if (store is not null)
                await store.CreateAsync(experiment.Name, strategyText, experiment.Seed, experiment.ConfigJson, experiment.Id, experiment.StartedAt, cancellationToken,
                    config.World?.Source);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return new ExperimentOutcome.Unreachable(DatabaseErrors.Describe(dataSource!.ConnectionString, e));
        }

        // From here on the row says the client is alive; once the client dies it reads as abandoned.
        await using var heartbeat = store is null ? null : new ExperimentHeartbeat(store, experiment.Id);
        var unanswered = dataSource is null ? null : new UnansweredRequestLog(dataSource);
        output.Log.WriteLine($"experiment {experiment.Id} '{experiment.Name}': {plan.Count} request(s) × {strategyText}, seed {config.Seed}, "
                             + (config.World is { } world ? $"world '{Excerpt.Of(world.Name)}' ({world.Checksum[..12]}), " : "")
                             + $"{providers.Count} provider(s), {config.Consumers} consumer(s), concurrency {config.Concurrency}, time scale {ConfigIssues.Show(config.TimeScale)}"
                             + (store is null ? " (no database: transactions are summarised from memory)" : ""));

        var runnerOptions = new RunnerOptions
        {
            ExperimentId = experiment.Id,
            Providers = providers,
            Consumers = config.Consumers,
            Concurrency = config.Concurrency,
            TimeScale = config.TimeScale,
            Parameters = config.Parameters,
            Clock = clock,
            World = config.World,
            Seed = config.Seed,
            DrainTimeout = options.DrainTimeout,
            AnswerBound = new AnswerBound(
                TimeSpan.FromMilliseconds((config.Parameters ?? new AuctionParameters()).PhaseDeadlineMs), options.SlowestRate, options.AnswerMargin),
            RecordUnanswered = unanswered is null ? null : unanswered.RecordAsync,
        };

        var runs = new List<StrategyRun>();
        var status = await FireAsync(config, plan, cluster, runnerOptions, signal, runs);

        var returned = runs.Sum(r => r.Records.Count);
        var fired = runs.Sum(r => r.Fired);
        var failed = runs.Sum(r => r.Failed);
        var failedShare = fired == 0 ? 0 : failed / (double)fired;
        if (status == ExperimentStatus.Completed && failedShare > options.MaxFailedShare) status = ExperimentStatus.Failed;
        IReadOnlyList<ExperimentSummaryRow> rows;
        var source = "memory";
        var statusLost = false;
        if (store is not null)
        {
            await WaitForStoredTransactionsAsync(cluster, dataSource!, experiment.Id, returned + runs.Sum(r => r.UnansweredRows));
            await heartbeat!.DisposeAsync();
            statusLost = !await FinishAsync(store, experiment.Id, status, dataSource!.ConnectionString);
            try
            {
                experiment = statusLost
                    ? experiment with { Status = status }
                    : await store.GetAsync(experiment.Id, CancellationToken.None) ?? experiment;
                rows = await ExperimentSummaryRow.ReadAsync(dataSource!, experiment.Id, CancellationToken.None);
                source = "database";
            }
            catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
            {
                output.Error.WriteLine(DatabaseErrors.Describe(dataSource!.ConnectionString, e));
                rows = ExperimentSummaryCalculator.FromRecords(runs.SelectMany(r => r.Records));
            }
        }
        else
        {
            experiment = experiment with { Status = status, FinishedAt = DateTimeOffset.UtcNow };
            rows = ExperimentSummaryCalculator.FromRecords(runs.SelectMany(r => r.Records));
        }

        var errors = runs.SelectMany(r => r.Errors).ToArray();
        foreach (var warning in runs.SelectMany(r => r.Warnings)) output.Error.WriteLine($"warning: {warning}");
        foreach (var error in errors.Take(5)) output.Error.WriteLine($"warning: {error}");
        if (errors.Length > 5) output.Error.WriteLine($"warning: … and {errors.Length - 5} more request(s) without a transaction");
        if (failedShare > options.MaxFailedShare)
            output.Error.WriteLine($"error: {failed} of {fired} request(s) failed, more than --max-failed-share {ConfigIssues.Show(options.MaxFailedShare)}");
        if (statusLost)
            output.Error.WriteLine($"error: the final status '{ExperimentStore.StatusName(status)}' of experiment {experiment.Id} could not be written to PostgreSQL; "
                                   + $"it will read as 'abandoned' {ExperimentStore.AbandonedAfter.TotalSeconds:0} s after the last heartbeat");

        return new ExperimentOutcome.Ran(new ExperimentRunSummary
        {
            Experiment = experiment, Status = status, Rows = rows, Source = source, Stored = store is not null,
            Planned = plan.Count * config.Strategies.Count, Fired = fired, Returned = returned, Errors = errors.Length,
            Abandoned = runs.Sum(r => r.Abandoned), UnansweredRows = runs.Sum(r => r.UnansweredRows), StatusWritten = !statusLost,
            Failed = failed, FailedShare = failedShare, MaxFailedShare = options.MaxFailedShare,
        });
    }

    /// <summary>The experiment's hold on its world in a shared cluster (none without a world, or in a private one), or the line saying why it cannot run.</summary>
    internal static async Task<(WorldLeaseHold? Hold, string? Error)> WorldLeaseAsync(IExperimentCluster cluster, ExperimentWorld? world, Guid experimentId)
    {
        if (world is null || !cluster.Shared) return (null, null);
        try
        {
            return (await WorldLeaseHold.AcquireAsync(cluster.Grains, world, experimentId), null);
        }
        catch (WorldLeaseRefusedException e)
        {
            return (null, $"error: {e.Message}");
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return (null, $"error: the cluster's world lease did not answer within 5 s: {e.Message}");
        }
    }

    /// <summary>Fires the plan once per strategy until done or interrupted; the status the experiment ends in.</summary>
    private async Task<ExperimentStatus> FireAsync(
        ExperimentConfig config, IReadOnlyList<PlannedRequest> plan, IExperimentCluster cluster, RunnerOptions options, InterruptSignal signal, List<StrategyRun> runs)
    {
        try
        {
            async Task FireAll(IRunProgress progress)
            {
                var runner = new ExperimentRunner(cluster.Grains, options, progress);
                foreach (var strategy in config.Strategies)
                {
                    if (signal.Interrupted) break;
                    runs.Add(await runner.RunAsync(strategy, plan, signal.StopFiring, signal.StopWaiting));
                }
            }

            if (output.Progress is { } display) await display(FireAll);
            else await FireAll(new PlainProgressLog(output.Log));
            return signal.Interrupted ? ExperimentStatus.Interrupted : ExperimentStatus.Completed;
        }
        catch (Exception e)
        {
            output.Error.WriteLine($"error: the experiment stopped: {e.GetType().Name}: {e.Message}");
            return ExperimentStatus.Failed;
        }
    }

    private async Task WaitForStoredTransactionsAsync(IExperimentCluster cluster, NpgsqlDataSource dataSource, Guid experimentId, long expected)
    {
        try
        {
            if (!await StoredTransactions.WaitAsync(cluster, dataSource, experimentId, expected, StoreTimeout))
                output.Error.WriteLine($"warning: not every transaction of {experimentId} reached PostgreSQL within {StoreTimeout.TotalSeconds:0} s; the summary shows what is stored");
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            output.Error.WriteLine($"warning: could not count the stored transactions: {DatabaseErrors.Describe(dataSource.ConnectionString, e)}");
        }
    }

    /// <summary>Writes the experiment's final status through a PostgreSQL restart; false (said on stderr) when it never went in.</summary>
    private async Task<bool> FinishAsync(ExperimentStore store, Guid experimentId, ExperimentStatus status, string connectionString)
    {
        var outcome = await FinalStatusWriter.WriteAsync(ct => store.FinishAsync(experimentId, status, cancellationToken: ct));
        if (!outcome.Written)
            output.Error.WriteLine($"{DatabaseErrors.Describe(connectionString, outcome.LastError!)} (final status, attempt {outcome.Attempts})");
        return outcome.Written;
    }

    /// <summary>One line when PostgreSQL cannot be used for the experiment (unreachable, or not migrated).</summary>
    private static async Task<string?> CheckDatabaseAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            var ready = await new ExperimentStore(dataSource).HasTablesAsync(ct);
            return ready ? null : $"error: the database has no experiments/transactions tables: run '{CommandName.Shown} db migrate' first";
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return DatabaseErrors.Describe(dataSource.ConnectionString, e);
        }
    }

    private static string ConfigJson(ExperimentConfig config, IReadOnlyList<string> providers, ExperimentSessionOptions options, string clock) =>
        JsonSerializer.Serialize(new
        {
            format = config.Format.ToString().ToLowerInvariant(),
            config.Name,
            strategies = config.Strategies,
            config.Seed,
            requests = config.Count,
            distributions = config.Profile,
            providers,
            consumers = config.Consumers,
            concurrency = config.Concurrency,
            time_scale = config.TimeScale,
            parameters = config.Parameters,
            mode = options.Simulated ? "simulated" : "cluster",
            clock,
            simulated_providers = !options.Simulated ? (int?)null : config.World?.World.Providers.Count ?? config.Topology.Providers ?? options.SimulatedProviders,
            topology = options.Simulated && config.World is null ? config.Topology : null,
            world = config.World is { } world ? new { name = world.Name, checksum = world.Checksum } : null,
            max_failed_share = options.MaxFailedShare,
        }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
}
