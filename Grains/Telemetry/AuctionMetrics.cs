using System.Diagnostics.Metrics;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Telemetry;

/// <summary>
/// The <c>Auction</c> meter and every instrument on it, declared in one place (docs/observability.md lists them).
/// Only the meter API lives here: the silo host chooses the exporters.
/// </summary>
public static class AuctionMetrics
{
    /// <summary>The meter's name, for exporters and listeners.</summary>
    /// <remarks>A field, not a constant: reading it creates the meter and its instruments, so that an exporter
    /// configured with it shows the observable ones (flows running, outbox depth) from the start.</remarks>
    public static readonly string MeterName = "Auction";

    /// <summary>The values of the <c>outcome</c> tag of <see cref="Transactions"/>.</summary>
    public static class Outcomes
    {
        /// <summary>A winner was chosen and the transaction completed (its flow too, unless the request was decision-only).</summary>
        public const string Decided = "decided";
        /// <summary>The decision was made, but no provider was scored, so none won.</summary>
        public const string NoWinner = "no_winner";
        /// <summary>A winner was chosen, but its flow failed.</summary>
        public const string FlowFailed = "flow_failed";
        /// <summary>The request failed before any decision: too few answers, a stalled virtual clock, an internal error.</summary>
        public const string Failed = "failed";
    }

    private static readonly Meter Meter = new(MeterName);

    // Read by the observable instruments below: outbox depths by registration, iperf3/simulated flows in progress.
    private static readonly Lock OutboxLock = new();
    private static readonly List<(string Name, Func<int> Depth)> Outboxes = [];
    private static int _iperf3Flows;
    private static int _simulatedFlows;

    /// <summary>Transactions the consumer finished and logged, by strategy, outcome and consumer.</summary>
    internal static readonly Counter<long> Transactions = Meter.CreateCounter<long>(
        "auction.transactions", "{transaction}", "Requests run to their end and logged, by strategy, outcome and consumer.");

    /// <summary>Wall-clock time from the request's start to its decision, for requests that reached one.</summary>
    internal static readonly Histogram<double> DecisionDuration = Meter.CreateHistogram<double>(
        "auction.decision.duration", "ms", "Wall-clock time from a request's start to its decision.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000] });

    /// <summary>Providers left out of a transaction, by the reason the record gives (<see cref="MissingReasons"/>).</summary>
    internal static readonly Counter<long> MissingProviders = Meter.CreateCounter<long>(
        "auction.missing_providers", "{provider}", "Providers left out of a transaction, by reason (dead, late, refused, down).");

    /// <summary>Measured over requested throughput of each successful flow, one value per direction.</summary>
    internal static readonly Histogram<double> ThroughputRatio = Meter.CreateHistogram<double>(
        "auction.flow.throughput_ratio", "1", "Measured over requested throughput of a successful flow, per direction.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.5, 2, 5] });

    /// <summary>Finished transactions in each outbox of this process, not yet confirmed stored in PostgreSQL.</summary>
    internal static readonly ObservableGauge<int> OutboxDepthGauge = Meter.CreateObservableGauge(
        "auction.outbox.depth", OutboxDepths, "{transaction}",
        "Finished transactions in an outbox not yet confirmed stored in PostgreSQL, by outbox file.");

    /// <summary>Flows in progress through a winner's link, by runner.</summary>
    internal static readonly ObservableUpDownCounter<int> FlowsRunningCounter = Meter.CreateObservableUpDownCounter(
        "auction.flows.running", FlowsRunning, "{flow}", "Flows in progress through a winner's link, by runner (iperf3 or simulated).");

    /// <summary>Counts one finished transaction: its outcome, its missing providers, its decision time and its flow's ratios.</summary>
    internal static void Record(TransactionRecord record, TimeSpan? untilDecision)
    {
        var strategy = new KeyValuePair<string, object?>("strategy", record.Strategy);
        var consumer = new KeyValuePair<string, object?>("consumer", record.ConsumerId);
        Transactions.Add(1, strategy, consumer, new("outcome", OutcomeOf(record)));
        foreach (var reason in record.MissingReasons.Values)
            MissingProviders.Add(1, strategy, consumer, new("reason", reason));
        if (record.DecidedAt is not null && untilDecision is { } elapsed)
            DecisionDuration.Record(elapsed.TotalMilliseconds, strategy, consumer);
        if (record.MeasuredUplink is { } up && record.Qos.Uplink > 0)
            ThroughputRatio.Record(up / record.Qos.Uplink, strategy, consumer, new("direction", "uplink"));
        if (record.MeasuredDownlink is { } down && record.Qos.Downlink > 0)
            ThroughputRatio.Record(down / record.Qos.Downlink, strategy, consumer, new("direction", "downlink"));
    }

    /// <summary>The <c>outcome</c> tag of a finished transaction (<see cref="Outcomes"/>).</summary>
    public static string OutcomeOf(TransactionRecord record) => record switch
    {
        { Outcome: TransactionOutcome.Completed } => Outcomes.Decided,
        { Winner: not null } => Outcomes.FlowFailed,
        { DecidedAt: not null } => Outcomes.NoWinner,
        _ => Outcomes.Failed,
    };

    /// <summary>Reports an outbox (by its file name) in <c>auction.outbox.depth</c> until the returned handle is disposed.</summary>
    internal static IDisposable TrackOutbox(string name, Func<int> depth)
    {
        var entry = (name, depth);
        lock (OutboxLock) Outboxes.Add(entry);
        return new Untrack(() => { lock (OutboxLock) Outboxes.Remove(entry); });
    }

    /// <summary>Counts a flow in <c>auction.flows.running</c> until the returned handle is disposed.</summary>
    internal static IDisposable FlowStarted(bool simulated)
    {
        if (simulated) Interlocked.Increment(ref _simulatedFlows);
        else Interlocked.Increment(ref _iperf3Flows);
        return new Untrack(() =>
        {
            if (simulated) Interlocked.Decrement(ref _simulatedFlows);
            else Interlocked.Decrement(ref _iperf3Flows);
        });
    }

    private static IEnumerable<Measurement<int>> OutboxDepths()
    {
        (string Name, Func<int> Depth)[] outboxes;
        lock (OutboxLock) outboxes = Outboxes.ToArray();
        // Outside the lock: each depth takes its outbox's own lock.
        return outboxes.Select(o => new Measurement<int>(o.Depth(), new KeyValuePair<string, object?>("outbox", o.Name))).ToArray();
    }

    private static IEnumerable<Measurement<int>> FlowsRunning() =>
    [
        new(Volatile.Read(ref _iperf3Flows), new KeyValuePair<string, object?>("runner", "iperf3")),
        new(Volatile.Read(ref _simulatedFlows), new KeyValuePair<string, object?>("runner", "simulated")),
    ];

    /// <summary>Runs its action once, on the first dispose.</summary>
    private sealed class Untrack(Action action) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) action();
        }
    }
}
