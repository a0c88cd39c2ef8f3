using Spectre.Console;

namespace Auction.Client.Display;

/// <summary>The CLI's one shape of live progress bar: description, bar, percentage, elapsed, remaining, spinner.</summary>
public static class LiveProgress
{
    public static Progress On(IAnsiConsole console) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn());
}
