using System.Diagnostics;

namespace Auction.Client.Sweeps;

/// <summary>A line per finished experiment with the count done, elapsed time and ETA, for logs.</summary>
public sealed class SweepProgressLog(TextWriter log) : ISweepProgress
{
    private readonly object _lock = new();
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
        lock (_lock)
            log.WriteLine($"[{done}/{_total}] {experiment.CellLabel} seed {experiment.Seed}: {result.Summary} — elapsed {elapsed:hh\\:mm\\:ss}, ETA {eta:hh\\:mm\\:ss}");
    }
}
