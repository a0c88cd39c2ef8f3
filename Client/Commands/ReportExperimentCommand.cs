using Auction.Client.Cli;
using Auction.Client.Display;
using Auction.Client.Reports;
using Auction.Client.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction report experiment [EXPERIMENT]</c> (also <c>report [EXPERIMENT]</c>): the summary per strategy as a
/// table for people, and on request the transactions as CSV and a PNG chart.
/// </summary>
public sealed class ReportExperimentCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ReportExperimentSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportExperimentSettings settings, CancellationToken cancellationToken)
    {
        var outcome = await new ExperimentReporter(settings.ConnectionString).MakeAsync(new ExperimentReportRequest
        {
            ExperimentId = settings.ExperimentId, ArgumentName = "EXPERIMENT", Csv = settings.Csv, Chart = settings.Chart,
            Width = settings.Width, Height = settings.Height,
        }, cancellationToken);
        switch (outcome)
        {
            case ReportOutcome<ExperimentReport>.Made { Report: var report, Notes: var notes } when settings.Json:
                console.WriteText(SummaryJson.Write(report.Experiment, report.Rows));
                foreach (var line in notes) streams.Error.WriteLine(line);
                break;
            case ReportOutcome<ExperimentReport>.Made { Report: var report, Notes: var notes }:
                console.Write(SummaryTable.Create(report.Experiment, report.Rows));
                foreach (var line in notes) console.WriteText(line);
                break;
            default:
                streams.Error.WriteLine(outcome.FailureLine);
                break;
        }
        return OutcomeExitCodes.Of(outcome);
    }
}
