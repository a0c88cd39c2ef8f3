using Auction.Client.Database;
using Auction.Client.Experiments;
using Npgsql;

namespace Auction.Client.Sweeps;

/// <summary>
/// Runs one checked sweep plan: finds or creates the sweep in PostgreSQL (a rerun resumes it), joins the cluster in
/// the cluster mode and runs the grid with progress. What stops it comes back as the outcome with its line; it
/// writes only the sweep's opening line to <paramref name="log"/> and interrupt notices to <paramref name="error"/>,
/// and knows no exit codes.
/// </summary>
/// <param name="progress">A live progress display; null writes progress lines to <paramref name="log"/>.</param>
public sealed class SweepSession(TextWriter log, TextWriter error, SweepProgressScope? progress = null)
{
    /// <param name="endpoint">The cluster of the cluster mode.</param>
    /// <param name="parallel">Simulated experiments at once.</param>
    public async Task<SweepOutcome> RunAsync(
        SweepPlan plan, string connectionString, ClusterEndpoint endpoint, TimeSpan connectTimeout, int parallel, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Guid sweepId;
        bool resumed;
        try
        {
            var (id, wasThere) = await new SweepStore(dataSource).FindOrCreateAsync(plan.Name, plan.ConfigJson, cancellationToken);
            if (id is null)
                return new SweepOutcome.BadInput($"error: name: a sweep named '{plan.Name}' is stored with another config; give this grid another name (or run the stored one unchanged to resume it).");
            (sweepId, resumed) = (id.Value, wasThere);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return new SweepOutcome.Unreachable(DatabaseErrors.Describe(connectionString, e));
        }

        IExperimentCluster? shared = null;
        if (plan.Mode == SweepPlan.Cluster)
        {
            var start = await ClusterStart.TryAsync(async () => await RemoteExperimentCluster.ConnectAsync(endpoint, connectTimeout, cancellationToken));
            if (start.Cluster is null)
                return start.CertificateRefused ? new SweepOutcome.BadInput(start.Error!) : new SweepOutcome.Unreachable(start.Error!);
            shared = start.Cluster;
        }

        log.WriteLine($"sweep {sweepId} '{plan.Name}' ({(resumed ? "resumed" : "new")}): {plan.Experiments.Count} experiment(s) over "
                      + $"{string.Join(" × ", plan.AxisNames.Append("seed"))}, {plan.Mode} mode"
                      + (plan.Mode == SweepPlan.Simulated ? $", {parallel} at a time" : ", one at a time"));
        using var signal = new InterruptSignal(error);
        try
        {
            Task<SweepCounts> Run(ISweepProgress shown) =>
                new SweepRunner(dataSource, shown, connectTimeout).RunAsync(plan, sweepId, parallel, shared, signal.StopFiring);
            return new SweepOutcome.Ran(progress is null ? await Run(new SweepProgressLog(log)) : await progress(Run));
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return new SweepOutcome.Unreachable(DatabaseErrors.Describe(connectionString, e));
        }
        finally
        {
            if (shared is not null) await shared.DisposeAsync();
        }
    }
}
