using Auction.Client.Cli;
using Auction.Client.Display;
using Auction.Client.Experiments;
using Auction.Client.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction experiment sweep</c>: runs a grid of seeds × experiment fields as ordinary experiments tagged with the
/// sweep and their cell (a <see cref="SweepSession"/>); a rerun of the same sweep skips what is stored as completed.
/// </summary>
public sealed class ExperimentSweepCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ExperimentSweepSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ExperimentSweepSettings settings, CancellationToken cancellationToken)
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Read(settings.Config!, issues);
        foreach (var error in issues.Errors.Take(10)) streams.Error.WriteLine(Excerpt.Line($"error: {error.Message}"));
        if (issues.HasErrors || plan is null) return ExitCodes.BadInput;

        var progress = console.Profile.Capabilities.Interactive ? SweepProgressBar.On(console) : null;
        var session = new SweepSession(console.Profile.Out.Writer, streams.Error, progress);
        var outcome = await session.RunAsync(plan, settings.ConnectionString!, settings.Endpoint(settings.ConnectionString),
            TimeSpan.FromSeconds(settings.ConnectTimeout), settings.Parallel ?? Environment.ProcessorCount, cancellationToken);
        switch (outcome)
        {
            case SweepOutcome.Ran { Counts: var counts }:
                console.WriteText($"sweep {counts.SweepId}: {counts.Completed} experiment(s) completed now, {counts.Skipped} already stored, "
                                  + $"{counts.NotCompleted} not completed{(counts.Interrupted ? " (interrupted: run the same command again to resume)" : "")}; "
                                  + $"see it with: {CommandName.Shown} report sweep {counts.SweepId}");
                break;
            case SweepOutcome.BadInput { Line: var line }:
                streams.Error.WriteLine(line);
                break;
            case SweepOutcome.Unreachable { Line: var line }:
                streams.Error.WriteLine(line);
                break;
        }
        return OutcomeExitCodes.Of(outcome);
    }
}
