using Auction.Client.Cli;
using Auction.Client.Display;
using Auction.Client.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary><c>auction report sweep ID|NAME</c>: the sweep's cells summarised over their seeds, as a table, CSV and a chart.</summary>
public sealed class ReportSweepCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ReportSweepSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSweepSettings settings, CancellationToken cancellationToken)
    {
        var outcome = await new SweepReporter(settings.ConnectionString).MakeAsync(new SweepReportRequest
        {
            Sweep = settings.Sweep!, Window = settings.RequestWindow, Axis = settings.Axis, Metric = settings.Metric,
            Csv = settings.Csv, Chart = settings.Chart, Width = settings.Width, Height = settings.Height,
        }, cancellationToken);
        switch (outcome)
        {
            case ReportOutcome<SweepReport>.Made { Report: var report, Notes: var notes }:
                console.Write(SweepTable.Create($"sweep {report.Name} ({report.Id})", report.Axes, report.Cells, report.Window));
                foreach (var line in notes) console.WriteText(line);
                break;
            default:
                streams.Error.WriteLine(outcome.FailureLine);
                break;
        }
        return OutcomeExitCodes.Of(outcome);
    }
}
