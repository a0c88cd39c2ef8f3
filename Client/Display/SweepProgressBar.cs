using Auction.Client.Sweeps;
using Spectre.Console;

namespace Auction.Client.Display;

/// <summary>One Spectre progress bar over the whole sweep (experiments done, elapsed, ETA), for a terminal.</summary>
public sealed class SweepProgressBar(ProgressContext context) : ISweepProgress
{
    private readonly object _lock = new();
    private ProgressTask? _task;

    /// <summary>The scope a sweep session runs in: a progress bar on <paramref name="console"/> that lives until the run ends.</summary>
    public static SweepProgressScope On(IAnsiConsole console) =>
        run => LiveProgress.On(console).StartAsync(context => run(new SweepProgressBar(context)));

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
