using System.ComponentModel;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Client.Sweeps;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction experiment sweep</c>: runs a grid of seeds × experiment fields as ordinary experiments tagged with the
/// sweep and their cell; a rerun of the same sweep skips what is stored as completed.
/// </summary>
public sealed class ExperimentSweepCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ExperimentSweepCommand.Settings>
{
    public sealed class Settings : ClusterConnectionSettings
    {
        // [[ and ]]: literal brackets in help text, which Spectre would read as markup
        [CommandOption("-c|--config <FILE>")]
        [Description("The sweep: {\"name\", \"mode\": \"simulated\"|\"cluster\", \"seeds\": {\"from\", \"to\"}, \"axes\": [[{\"field\", \"values\"} | {\"name\", \"values\": [[{\"label\", \"set\"}]]}]], \"experiment\": {…}}.")]
        public string? Config { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Simulated experiments run at once (default: one per core). The cluster mode runs one at a time.")]
        public int? Parallel { get; init; }

        /// <summary>The connection string, once <see cref="ClusterConnectionSettings.Validate"/> accepted it.</summary>
        public string? ConnectionString { get; private set; }

        protected override void CheckOptions(OptionErrors errors)
        {
            if (string.IsNullOrWhiteSpace(Config)) errors.Add("--config", "is required: the sweep file.");
            if (Parallel is < 1) errors.Add("--parallel", $"must be ≥ 1, got {Parallel}.");
            ConnectionString = ResolveConnectionString(out var connectionError);
            if (ConnectionString is null)
                errors.Add("--connection", $"is needed (a sweep is stored in PostgreSQL): {connectionError ?? $"pass --connection or set {ConnectionEnvironmentVariable}"}");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Read(settings.Config!, issues);
        foreach (var error in issues.Errors.Take(10)) streams.Error.WriteLine(Excerpt.Line($"error: {error.Message}"));
        if (issues.HasErrors || plan is null) return ExitCodes.BadInput;
        var connectionString = settings.ConnectionString!;

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Guid sweepId;
        bool resumed;
        try
        {
            var (id, wasThere) = await new SweepStore(dataSource).FindOrCreateAsync(plan.Name, plan.ConfigJson, cancellationToken);
            if (id is null)
            {
                streams.Error.WriteLine($"error: name: a sweep named '{plan.Name}' is stored with another config; give this grid another name (or run the stored one unchanged to resume it).");
                return ExitCodes.BadInput;
            }
            (sweepId, resumed) = (id.Value, wasThere);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            streams.Error.WriteLine(DatabaseErrors.Describe(connectionString, e));
            return ExitCodes.Unreachable;
        }

        var timeout = TimeSpan.FromSeconds(settings.ConnectTimeout);
        IExperimentCluster? shared = null;
        if (plan.Mode == SweepPlan.Cluster)
        {
            try
            {
                shared = await RemoteExperimentCluster.ConnectAsync(settings.Endpoint(connectionString), timeout, cancellationToken);
            }
            catch (Exception e) when (e is ClusterUnreachableException or TimeoutException)
            {
                streams.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Unreachable;
            }
            catch (Auction.Grains.Security.ClusterCertificateException e)
            {
                streams.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        int parallel = settings.Parallel ?? Environment.ProcessorCount;
        console.WriteText($"sweep {sweepId} '{plan.Name}' ({(resumed ? "resumed" : "new")}): {plan.Experiments.Count} experiment(s) over "
                              + $"{string.Join(" × ", plan.AxisNames.Append("seed"))}, {plan.Mode} mode"
                              + (plan.Mode == SweepPlan.Simulated ? $", {parallel} at a time" : ", one at a time"));
        using var signal = new InterruptSignal(streams.Error);
        SweepOutcome outcome;
        try
        {
            Task<SweepOutcome> Run(ISweepProgress progress) =>
                new SweepRunner(dataSource, progress, timeout).RunAsync(plan, sweepId, parallel, shared, signal.StopFiring);
            outcome = console.Profile.Capabilities.Interactive
                ? await SweepProgressBar.RunAsync(console, Run)
                : await Run(new SweepProgressLog(console.Profile.Out.Writer));
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            streams.Error.WriteLine(DatabaseErrors.Describe(connectionString, e));
            return ExitCodes.Unreachable;
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
}
