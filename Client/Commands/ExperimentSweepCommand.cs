using System.ComponentModel;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Client.Sweeps;
using Npgsql;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction experiment sweep</c>: runs a grid of seeds × experiment fields as ordinary experiments tagged with the
/// sweep and their cell; a rerun of the same sweep skips what is stored as completed.
/// </summary>
public sealed class ExperimentSweepCommand : AsyncCommand<ExperimentSweepCommand.Settings>
{
    public sealed class Settings : DatabaseSettings
    {
        [CommandOption("-c|--config <FILE>")]
        [Description("The sweep: {\"name\", \"mode\": \"simulated\"|\"cluster\", \"seeds\": {\"from\", \"to\"}, \"axes\": [{\"field\", \"values\"} | {\"name\", \"values\": [{\"label\", \"set\"}]}], \"experiment\": {…}}.")]
        public string? Config { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Simulated experiments run at once (default: one per core). The cluster mode runs one at a time.")]
        public int? Parallel { get; init; }

        [CommandOption("--gateway <HOST:PORT>")]
        [Description("Cluster mode: a silo gateway to connect to, instead of ADO.NET clustering through --connection.")]
        public string? Gateway { get; init; }

        [CommandOption("--connect-timeout <SECONDS>")]
        [Description("Longest wait for a cluster (or each in-process cluster) to start or accept the client.")]
        [DefaultValue(60.0)]
        public double ConnectTimeout { get; init; } = 60;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var issues = new ConfigIssues();
        if (string.IsNullOrWhiteSpace(settings.Config)) issues.Error("--config", "is required: the sweep file.");
        var plan = settings.Config is { } file && !string.IsNullOrWhiteSpace(file) ? SweepPlan.Read(file, issues) : null;
        if (settings.Parallel is < 1) issues.Error("--parallel", $"must be ≥ 1, got {settings.Parallel}.");
        if (!double.IsFinite(settings.ConnectTimeout) || settings.ConnectTimeout <= 0)
            issues.Error("--connect-timeout", $"must be a finite number of seconds > 0, got {ConfigIssues.Show(settings.ConnectTimeout)}.");
        string? connectionString = settings.ResolveConnectionString(out var connectionError);
        if (connectionString is null)
            issues.Error("--connection", $"is needed (a sweep is stored in PostgreSQL): {connectionError ?? $"pass --connection or set {DatabaseSettings.ConnectionEnvironmentVariable}"}");
        System.Net.IPEndPoint? gateway = null;
        if (settings.Gateway is { } g && !ExperimentRunCommand.TryParseEndpoint(g, out gateway))
            issues.Error("--gateway", $"must be HOST:PORT, got '{Cli.Excerpt.Of(g)}'.");
        foreach (var error in issues.Errors.Take(10)) Console.Error.WriteLine(Cli.Excerpt.Line($"error: {error.Message}"));
        if (issues.HasErrors || plan is null || connectionString is null) return ExitCodes.BadInput;

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Guid sweepId;
        bool resumed;
        try
        {
            var (id, wasThere) = await new SweepStore(dataSource).FindOrCreateAsync(plan.Name, plan.ConfigJson, cancellationToken);
            if (id is null)
            {
                Console.Error.WriteLine($"error: name: a sweep named '{plan.Name}' is stored with another config; give this grid another name (or run the stored one unchanged to resume it).");
                return ExitCodes.BadInput;
            }
            (sweepId, resumed) = (id.Value, wasThere);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            Console.Error.WriteLine(DatabaseErrors.Describe(connectionString, e));
            return ExitCodes.Unreachable;
        }

        var timeout = TimeSpan.FromSeconds(settings.ConnectTimeout);
        IExperimentCluster? shared = null;
        if (plan.Mode == SweepPlan.Cluster)
        {
            try
            {
                shared = await RemoteExperimentCluster.ConnectAsync(new ClusterEndpoint { Gateway = gateway, ConnectionString = connectionString }, timeout, cancellationToken);
            }
            catch (Exception e) when (e is ClusterUnreachableException or TimeoutException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Unreachable;
            }
            catch (Auction.Grains.Security.ClusterCertificateException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        int parallel = settings.Parallel ?? Environment.ProcessorCount;
        Console.Out.WriteLine($"sweep {sweepId} '{plan.Name}' ({(resumed ? "resumed" : "new")}): {plan.Experiments.Count} experiment(s) over "
                              + $"{string.Join(" × ", plan.AxisNames.Append("seed"))}, {plan.Mode} mode"
                              + (plan.Mode == SweepPlan.Simulated ? $", {parallel} at a time" : ", one at a time"));
        using var signal = new InterruptSignal();
        SweepOutcome outcome;
        try
        {
            Task<SweepOutcome> Run(ISweepProgress progress) =>
                new SweepRunner(dataSource, progress, timeout).RunAsync(plan, sweepId, parallel, shared, signal.StopFiring);
            outcome = Terminal.IsInteractive
                ? await SweepProgressBar.RunAsync(Terminal.Create(), Run)
                : await Run(new SweepProgressLog(Console.Out));
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            Console.Error.WriteLine(DatabaseErrors.Describe(connectionString, e));
            return ExitCodes.Unreachable;
        }
        finally
        {
            if (shared is not null) await shared.DisposeAsync();
        }

        Console.Out.WriteLine($"sweep {sweepId}: {outcome.Completed} experiment(s) completed now, {outcome.Skipped} already stored, "
                              + $"{outcome.NotCompleted} not completed{(outcome.Interrupted ? " (interrupted: run the same command again to resume)" : "")}; "
                              + $"see it with: auction report --sweep {sweepId}");
        return outcome.NotCompleted > 0 || outcome.Interrupted ? ExitCodes.Failures : ExitCodes.Success;
    }
}
