using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>What firing one strategy's request sequence left behind, as the client saw it.</summary>
public sealed class StrategyRun(string strategy, int planned)
{
    private readonly object _lock = new();
    private readonly List<TransactionRecord> _records = [];
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];
    private int _unansweredRows;

    public string Strategy { get; } = strategy;
    public int Planned { get; } = planned;
    public int Fired { get; internal set; }
    /// <summary>Requests still running when the client stopped waiting for them (after an interrupt).</summary>
    public int Abandoned { get; internal set; }
    public bool Interrupted { get; internal set; }

    /// <summary>The transactions the consumers returned, in the order they ended.</summary>
    public IReadOnlyList<TransactionRecord> Records
    {
        get { lock (_lock) return _records.ToArray(); }
    }

    /// <summary>Requests whose Purchase call itself failed (rejected, timed out, connection lost): no transaction came back.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_lock) return _errors.ToArray(); }
    }

    /// <summary>Failed rows the client wrote for requests it got no answer to.</summary>
    public int UnansweredRows => Volatile.Read(ref _unansweredRows);

    /// <summary>Things the user should hear that did not fail a request (a failed row that could not be written).</summary>
    public IReadOnlyList<string> Warnings
    {
        get { lock (_lock) return _warnings.ToArray(); }
    }

    public int Completed => Records.Count(r => r.Outcome == TransactionOutcome.Completed);

    /// <summary>Failed transactions plus calls that returned no transaction plus abandoned requests.</summary>
    public int Failed
    {
        get { lock (_lock) return _records.Count(r => r.Outcome == TransactionOutcome.Failed) + _errors.Count + Abandoned; }
    }

    public int Running => Fired - Records.Count - Errors.Count;

    internal void Add(TransactionRecord record)
    {
        lock (_lock) _records.Add(record);
    }

    internal void CountUnansweredRow() => Interlocked.Increment(ref _unansweredRows);

    internal void AddWarning(string warning)
    {
        lock (_lock) _warnings.Add(warning);
    }

    internal void AddError(string error)
    {
        lock (_lock) _errors.Add(error);
    }
}
