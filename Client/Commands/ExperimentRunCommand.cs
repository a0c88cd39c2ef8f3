using Auction.Client.Cli;
using Auction.Client.Display;
using Auction.Client.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction experiment run</c>: reads and checks an experiment config (options are checked by their settings),
/// hands it to an <see cref="ExperimentSession"/> and prints its outcome: the summary as a table or JSON, or the
/// lines that say why it did not run.
/// </summary>
public sealed class ExperimentRunCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ExperimentRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ExperimentRunSettings settings, CancellationToken cancellationToken)
    {
        var issues = new ConfigIssues();
        var config = settings.Config is { } file ? ExperimentConfigReader.ReadFile(file, issues) : new ExperimentConfig();
        config = settings.Overrides().ApplyTo(config, issues);
        ExperimentConfigValidator.Validate(config, issues);
        if (ConfigIssueReport.Write(issues, streams.Error)) return ExitCodes.BadInput;
        foreach (var note in config.Notes) streams.Error.WriteLine($"note: {note}");
        if (settings.Check)
        {
            console.WriteText($"config ok: '{Excerpt.Of(config.Name)}', {config.Count} request(s) × {string.Join(',', config.Strategies)}, seed {config.Seed}"
                              + (config.World is { } world ? $", world '{Excerpt.Of(world.Name)}' ({world.World.Providers.Count} providers, checksum {world.Checksum[..12]})" : ""));
            return ExitCodes.Success;
        }

        var log = settings.Json ? streams.Error : console.Profile.Out.Writer;
        var progress = console.Profile.Capabilities.Interactive && !settings.Json ? ProgressBarDisplay.On(console) : null;
        var session = new ExperimentSession(new ExperimentSessionOutput(log, streams.Error, progress));
        var outcome = await session.RunAsync(config, settings.SessionOptions(), cancellationToken);
        var exitCode = OutcomeExitCodes.Of(outcome);
        switch (outcome)
        {
            case ExperimentOutcome.Ran { Summary: var summary } when settings.Json:
                console.WriteText(RunSummaryJson.Write(summary, exitCode));
                break;
            case ExperimentOutcome.Ran { Summary: var summary }:
                RunSummaryTable.Write(console, summary);
                break;
            case ExperimentOutcome.BadInput { Lines: var lines }:
                foreach (var line in lines) streams.Error.WriteLine(line);
                break;
            case ExperimentOutcome.Unreachable { Line: var line }:
                streams.Error.WriteLine(line);
                break;
        }
        return exitCode;
    }
}
