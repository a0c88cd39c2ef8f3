using Auction.Client.Cli;
using Auction.Client.Database;
using Auction.Client.Experiments;
using Npgsql;
using Spectre.Console;

namespace Auction.Client.Sweeps;

/// <summary>
/// Runs one checked sweep plan: finds or creates the sweep in PostgreSQL (a rerun resumes it), joins the cluster in
/// the cluster mode, runs the grid with live progress and prints what was done. Problems go to the error writer as
/// one line each; the result is the exit code (1 when a cell did not complete or the sweep was interrupted).
/// </summary>
public sealed class SweepSession(IAnsiConsole console, TextWriter error)
{
    /// <param name="endpoint">The cluster of the cluster mode.</param>
    /// <param name="parallel">Simulated experiments at once.</param>
    public async Task<int> RunAsync(
        SweepPlan plan, string connectionString, ClusterEndpoint endpoint, TimeSpan connectTimeout, int parallel, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Guid sweepId;
        bool resumed;
        try
        {
            var (id, wasThere) = await new SweepStore(dataSource).FindOrCreateAsync(plan.Name, plan.ConfigJson, cancellationToken);
            if (id is null)
                return Fail(ExitCodes.BadInput, $"error: name: a sweep named '{plan.Name}' is stored with another config; give this grid another name (or run the stored one unchanged to resume it).");
            (sweepId, resumed) = (id.Value, wasThere);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return Fail(ExitCodes.Unreachable, DatabaseErrors.Describe(connectionString, e));
        }

        IExperimentCluster? shared = null;
        if (plan.Mode == SweepPlan.Cluster)
        {
            var start = await ClusterStart.TryAsync(async () => await RemoteExperimentCluster.ConnectAsync(endpoint, connectTimeout, cancellationToken));
            if (start.Cluster is null) return Fail(start.ExitCode, start.Error!);
            shared = start.Cluster;
        }

        console.WriteText($"sweep {sweepId} '{plan.Name}' ({(resumed ? "resumed" : "new")}): {plan.Experiments.Count} experiment(s) over "
                          + $"{string.Join(" × ", plan.AxisNames.Append("seed"))}, {plan.Mode} mode"
                          + (plan.Mode == SweepPlan.Simulated ? $", {parallel} at a time" : ", one at a time"));
        using var signal = new InterruptSignal(error);
        SweepOutcome outcome;
        try
        {
            Task<SweepOutcome> Run(ISweepProgress progress) =>
                new SweepRunner(dataSource, progress, connectTimeout).RunAsync(plan, sweepId, parallel, shared, signal.StopFiring);
            outcome = console.Profile.Capabilities.Interactive
                ? await SweepProgressBar.RunAsync(console, Run)
                : await Run(new SweepProgressLog(console.Profile.Out.Writer));
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return Fail(ExitCodes.Unreachable, DatabaseErrors.Describe(connectionString, e));
        }
        finally
        {
            if (shared is not null) await shared.DisposeAsync();
        }

        console.WriteText($"sweep {sweepId}: {outcome.Completed} experiment(s) completed now, {outcome.Skipped} already stored, "
                          + $"{outcome.NotCompleted} not completed{(outcome.Interrupted ? " (interrupted: run the same command again to resume)" : "")}; "
                          + $"see it with: auction report --sweep {sweepId}");
        return outcome.NotCompleted > 0 || outcome.Interrupted ? ExitCodes.Failures : ExitCodes.Success;
    }

    private int Fail(int exitCode, string line)
    {
        error.WriteLine(line);
        return exitCode;
    }
}
