using System.Globalization;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Grains.Persistence;
using Spectre.Console;

namespace Auction.Client.Display;

/// <summary>An experiment run's summary for a reader: the per-strategy table and one line of counts.</summary>
public static class RunSummaryTable
{
    public static void Write(IAnsiConsole console, ExperimentRunSummary s)
    {
        console.Write(SummaryTable.Create(s.Experiment, s.Rows));
        console.WriteText($"{s.Fired} request(s) fired, {s.Failed} failed ({s.FailedShare.ToString("P1", CultureInfo.InvariantCulture)}; "
                          + $"limit {s.MaxFailedShare.ToString("P1", CultureInfo.InvariantCulture)}), experiment {ExperimentStore.StatusName(s.Experiment.Status)}"
                          + (s.Stored ? $"; see it again with: {CommandName.Shown} report experiment {s.Experiment.Id}" : ""));
    }
}
