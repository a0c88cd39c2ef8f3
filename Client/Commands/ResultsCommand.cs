using Auction.Client.Cli;
using Auction.Client.Reports;
using Auction.Client.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction results</c>: the machine-readable twin of <c>report experiment</c>: an experiment's summary (the
/// experiment_summary view) as one JSON document on stdout, and on request its transactions as CSV. Nothing but the
/// document goes to stdout, so a script can parse it.
/// </summary>
public sealed class ResultsCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<ResultsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ResultsSettings settings, CancellationToken cancellationToken)
    {
        var outcome = await new ExperimentReporter(settings.ConnectionString).MakeAsync(new ExperimentReportRequest
        {
            ExperimentId = settings.ExperimentId, ArgumentName = "--experiment", Csv = settings.Csv,
        }, cancellationToken);
        switch (outcome)
        {
            case ReportOutcome<ExperimentReport>.Made { Report: var report, Notes: var notes }:
                console.WriteText(SummaryJson.Write(report.Experiment, report.Rows));
                foreach (var line in notes) streams.Error.WriteLine(line);
                break;
            default:
                streams.Error.WriteLine(outcome.FailureLine);
                break;
        }
        return OutcomeExitCodes.Of(outcome);
    }
}
