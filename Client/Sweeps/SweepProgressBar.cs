using Auction.Client.Cli;
using Spectre.Console;

namespace Auction.Client.Sweeps;

/// <summary>One Spectre progress bar over the whole sweep (experiments done, elapsed, ETA), for a terminal.</summary>
public sealed class SweepProgressBar(ProgressContext context) : ISweepProgress
{
    private readonly object _lock = new();
    private ProgressTask? _task;

    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<ISweepProgress, Task<T>> body) =>
        LiveProgress.On(console).StartAsync(context => body(new SweepProgressBar(context)));

    public void Started(int total, int alreadyFinished)
    {
        _task = context.AddTask($"sweep: {total - alreadyFinished} experiment(s) to run ({alreadyFinished} already stored)", maxValue: Math.Max(1, total - alreadyFinished));
        if (total == alreadyFinished) _task.Value = _task.MaxValue;
    }

    public void ExperimentEnded(SweepExperiment experiment, SweepExperimentResult result)
    {
        lock (_lock) _task?.Increment(1);
    }
}
