using System.Collections.Concurrent;
using System.Diagnostics;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Resilience;

namespace Auction.Client.Bench;

/// <summary>
/// An incoming grain call filter that counts every call delivered to a grain, by "Interface.Method", and (when
/// phases are tracked) notes when each auction's messages arrive. It only counts and stamps; it changes nothing.
/// </summary>
public sealed class BenchCallFilter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<Type, Counter> _byRequestType = new();
    private readonly ConcurrentDictionary<Guid, PhaseMarks> _phases = new();
    private volatile bool _trackPhases;

    /// <summary>When true, arrivals of each auction's messages are time-stamped (costs a dictionary lookup per call).</summary>
    public bool TrackPhases { get => _trackPhases; set => _trackPhases = value; }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var type = context.Request.GetType();
        if (!_byRequestType.TryGetValue(type, out var counter))
            // A static factory: a lambda capturing the context would cost a closure on every call, counted or not.
            counter = _byRequestType.GetOrAdd(type, static (_, request) => new Counter($"{request.GetInterfaceType().Name}.{request.GetMethodName()}"), context.Request);
        Interlocked.Increment(ref counter.Value);
        if (_trackPhases) Stamp(counter.Name, context);
        return context.Invoke();
    }

    /// <summary>Calls counted so far, by "Interface.Method".</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in _byRequestType.Values)
            result[counter.Name] = result.GetValueOrDefault(counter.Name) + Interlocked.Read(ref counter.Value);
        return result;
    }

    public long Total => _byRequestType.Values.Sum(c => Interlocked.Read(ref c.Value));

    /// <summary>Sets every count to zero and forgets the phase marks.</summary>
    public void Reset()
    {
        foreach (var counter in _byRequestType.Values) Interlocked.Exchange(ref counter.Value, 0);
        _phases.Clear();
    }

    /// <summary>Waits until no call has arrived for <paramref name="quiet"/> (one-way messages of finished auctions still in flight), at most <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        long last = Total;
        var lastChange = time.GetTimestamp();
        return WaitUntil.TrueAsync(() =>
        {
            long now = Total;
            if (now != last)
            {
                (last, lastChange) = (now, time.GetTimestamp());
                return false;
            }
            return time.GetElapsedTime(lastChange) >= quiet;
        }, TimeSpan.FromMilliseconds(25), timeout, time);
    }

    /// <summary>The phase marks of the given auctions (those that have all of them).</summary>
    public IReadOnlyList<PhaseMarks> PhasesOf(IEnumerable<Guid> transactionIds) =>
        transactionIds.Select(id => _phases.GetValueOrDefault(id)).Where(m => m is { IsComplete: true }).Select(m => m!).ToArray();

    private void Stamp(string method, IIncomingGrainCallContext context)
    {
        long now = Stopwatch.GetTimestamp();
        Guid? id = context.Request.GetArgumentCount() == 0 ? null : context.Request.GetArgument(0) switch
        {
            PurchaseRequest r => r.TransactionId,
            AuctionInvitation i => i.TransactionId,
            Bid b => b.TransactionId,
            ScoreVector v => v.TransactionId,
            ConsensusVector c => c.TransactionId,
            TransactionEnd e => e.TransactionId,
            Guid g => g,
            _ => null,
        };
        if (id is null) return;
        var marks = _phases.GetOrAdd(id.Value, _ => new PhaseMarks());
        lock (marks)
        {
            switch (method)
            {
                case GrainCallNames.Purchase: marks.Purchase = now; break;
                case GrainCallNames.Buy: marks.LastBuy = now; break;
                case GrainCallNames.ReceiveBid: marks.LastBid = now; break;
                case GrainCallNames.ReceiveScoreVector: marks.LastVector = now; break;
                case GrainCallNames.ReceiveConsensus: marks.LastConsensus = now; break;
                case GrainCallNames.StartFlow: if (marks.FirstStartFlow == 0) marks.FirstStartFlow = now; break;
                case GrainCallNames.EndTransaction: marks.LastEnd = now; break;
            }
        }
    }

    private sealed class Counter(string name)
    {
        public readonly string Name = name;
        public long Value;
    }
}

/// <summary>
/// Stopwatch timestamps of one auction's messages as they were delivered: the Purchase call, the last BUY, bid,
/// score vector and consensus vector, the first START_FLOW (the decision is known) and the last TRANSACTION_END.
/// </summary>
public sealed class PhaseMarks
{
    public long Purchase, LastBuy, LastBid, LastVector, LastConsensus, FirstStartFlow, LastEnd;

    public bool IsComplete => Purchase != 0 && LastBuy != 0 && LastBid != 0 && LastVector != 0 && LastConsensus != 0 && FirstStartFlow != 0;

    public static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
