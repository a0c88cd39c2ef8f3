using System.Diagnostics;
using System.Globalization;
using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>Progress as plain log lines (output redirected, or --json): one line per finished request, one per strategy.</summary>
public sealed class PlainProgressLog(TextWriter writer) : IRunProgress
{
    private readonly object _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void StrategyStarted(StrategyRun run) =>
        Write($"[{run.Strategy}] firing {run.Planned} request(s)");

    public void Fired(StrategyRun run, int sequence)
    {
    }

    public void Finished(StrategyRun run, TransactionRecord record)
    {
        var what = record.Outcome == TransactionOutcome.Completed
            ? $"winner {record.Winner}{(record.WinnerFaulty == true ? " (faulty)" : "")}, rating {record.Rating?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"}"
            : $"failed: {record.FailureReason}";
        Write($"[{run.Strategy}] request {record.Sequence}: {what} — {Counts(run)}");
    }

    public void Errored(StrategyRun run, int sequence, string error) =>
        Write($"[{run.Strategy}] request {sequence}: no transaction ({error}) — {Counts(run)}");

    public void StrategyEnded(StrategyRun run) =>
        Write($"[{run.Strategy}] {(run.Interrupted ? "interrupted" : "done")}: {Counts(run)}"
              + (run.Abandoned > 0 ? $", {run.Abandoned} abandoned" : ""));

    private static string Counts(StrategyRun run) =>
        $"{run.Records.Count + run.Errors.Count}/{run.Planned} done, {run.Failed} failed, {Math.Max(0, run.Running)} running";

    private void Write(string line)
    {
        lock (_lock) writer.WriteLine($"{_clock.Elapsed:hh\\:mm\\:ss} {line}");
    }
}
