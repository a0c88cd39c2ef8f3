using Auction.Client.Experiments;
using Auction.Grains.Interfaces.Models;
using Spectre.Console;

namespace Auction.Client.Display;

/// <summary>Progress as a live Spectre progress bar per strategy (done / failed / running, elapsed, ETA), for a terminal.</summary>
public sealed class ProgressBarDisplay : IRunProgress
{
    private readonly ProgressContext _context;
    private readonly Dictionary<StrategyRun, ProgressTask> _tasks = [];
    private readonly object _lock = new();

    private ProgressBarDisplay(ProgressContext context) => _context = context;

    /// <summary>The scope an experiment session fires in: a progress display on <paramref name="console"/> that lives until the firing ends.</summary>
    public static RunProgressScope On(IAnsiConsole console) =>
        fire => LiveProgress.On(console).StartAsync(context => fire(new ProgressBarDisplay(context)));

    public void StrategyStarted(StrategyRun run)
    {
        lock (_lock) _tasks[run] = _context.AddTask(Describe(run), maxValue: run.Planned);
    }

    public void Fired(StrategyRun run, int sequence) => Update(run);

    public void Finished(StrategyRun run, TransactionRecord record) => Update(run);

    public void Errored(StrategyRun run, int sequence, string error) => Update(run);

    public void StrategyEnded(StrategyRun run)
    {
        lock (_lock)
        {
            var task = _tasks[run];
            task.Description = Describe(run) + (run.Interrupted ? " [yellow](interrupted)[/]" : "");
            task.Value = run.Records.Count + run.Errors.Count;
            task.StopTask();
        }
    }

    private void Update(StrategyRun run)
    {
        lock (_lock)
        {
            var task = _tasks[run];
            task.Description = Describe(run);
            task.Value = run.Records.Count + run.Errors.Count;
        }
    }

    private static string Describe(StrategyRun run) =>
        $"{Markup.Escape(run.Strategy),-8} {run.Records.Count + run.Errors.Count}/{run.Planned} done, "
        + $"[red]{run.Failed}[/] failed, {Math.Max(0, run.Running)} running";
}
