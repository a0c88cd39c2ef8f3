using System.ComponentModel;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Client.Sweeps;
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
        return await new SweepSession(console, streams.Error).RunAsync(plan, settings.ConnectionString!, settings.Endpoint(settings.ConnectionString),
            TimeSpan.FromSeconds(settings.ConnectTimeout), settings.Parallel ?? Environment.ProcessorCount, cancellationToken);
    }
}
