using System.Diagnostics;
using Spectre.Console;

namespace Auction.Client.Sweeps;

/// <summary>One Spectre progress bar over the whole sweep (experiments done, elapsed, ETA), for a terminal.</summary>
public sealed class SweepProgressBar(ProgressContext context) : ISweepProgress
{
    private ProgressTask? _task;

    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<ISweepProgress, Task<T>> body) =>
        console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(context => body(new SweepProgressBar(context)));

    public void Started(int total, int alreadyFinished)
    {
        _task = context.AddTask($"sweep: {total - alreadyFinished} experiment(s) to run ({alreadyFinished} already stored)", maxValue: Math.Max(1, total - alreadyFinished));
        if (total == alreadyFinished) _task.Value = _task.MaxValue;
    }

    public void ExperimentEnded(SweepExperiment experiment, SweepExperimentResult result)
    {
        lock (this) _task?.Increment(1);
    }
}

/// <summary>A line per finished experiment with the count done, elapsed time and ETA, for logs.</summary>
public sealed class SweepProgressLog(TextWriter log) : ISweepProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _total;
    private int _done;

    public void Started(int total, int alreadyFinished)
    {
        _total = total - alreadyFinished;
        log.WriteLine($"sweep: {_total} experiment(s) to run, {alreadyFinished} already stored");
    }

    public void ExperimentEnded(SweepExperiment experiment, SweepExperimentResult result)
    {
        int done = Interlocked.Increment(ref _done);
        var elapsed = _clock.Elapsed;
        var eta = TimeSpan.FromTicks(elapsed.Ticks / done * (_total - done));
        lock (this)
            log.WriteLine($"[{done}/{_total}] {experiment.CellLabel} seed {experiment.Seed}: {result.Summary} — elapsed {elapsed:hh\\:mm\\:ss}, ETA {eta:hh\\:mm\\:ss}");
    }
}
