using System.Collections.Concurrent;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Auction.Tests.Support;

/// <summary>Hand-made transactions for the PostgreSQL tests.</summary>
public static class TestRecords
{
    /// <summary>A fixed instant with whole microseconds (PostgreSQL's precision), at a non-UTC offset.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5_358_970);

    public static TransactionRecord Completed(
        Guid? experimentId, int sequence, string strategy, double decisionMs, string winner, bool faulty, double rating,
        double pricePaid, double requestedUp, double requestedDown, double measuredUp, double measuredDown) =>
        Request(experimentId, sequence, strategy) with
    {
        DecidedAt = T0.AddSeconds(sequence).AddMilliseconds(decisionMs),
        FlowStartedAt = T0.AddSeconds(sequence).AddMilliseconds(decisionMs + 1),
        FlowEndedAt = T0.AddSeconds(sequence + 0.5),
        Qos = new Qos(0.5, requestedUp, requestedDown, 0.5, 0.5, 1.5, 10),
        Participants = ["provider-0", "provider-1", winner],
        Winner = winner,
        WinnerFaulty = faulty,
        PricePaid = pricePaid,
        MeasuredUplink = measuredUp,
        MeasuredDownlink = measuredDown,
        Rating = rating,
        Outcome = TransactionOutcome.Completed,
    };

    public static TransactionRecord Failed(Guid? experimentId, int sequence, string strategy, string reason) =>
        Request(experimentId, sequence, strategy) with
    {
        Participants = ["provider-0", "provider-1", "provider-2"],
        Missing = ["provider-1", "provider-2"],
        Outcome = TransactionOutcome.Failed,
        FailureReason = reason,
    };

    /// <summary>Stores records through the product's transaction log, as a consumer silo does, and fails the test when that takes over 30 s.</summary>
    public static async Task StoreAsync(NpgsqlDataSource dataSource, params IEnumerable<TransactionRecord> records)
    {
        await using var log = new PostgresTransactionLog(dataSource, NullLogger<PostgresTransactionLog>.Instance);
        foreach (var record in records)
        {
            await log.AppendAsync(record);
        }

        Assert.True(await log.FlushAsync(TimeSpan.FromSeconds(30)), "storing the hand-made transactions took more than 30 s");
    }

    /// <summary>What every hand-made request shares: consumer-0 asked at T0 plus one second per sequence number (QoS 10/10 MB/s).</summary>
    private static TransactionRecord Request(Guid? experimentId, int sequence, string strategy) => new()
    {
        TransactionId = Guid.NewGuid(),
        ExperimentId = experimentId,
        Sequence = sequence,
        Strategy = strategy,
        ConsumerId = "consumer-0",
        RequestedAt = T0.AddSeconds(sequence),
        Qos = new Qos(0.5, 10, 10, 0.5, 0.5, 1.5, 10),
        Participants = [],
        Outcome = TransactionOutcome.Failed,
    };

    /// <summary>A record with every field set to a distinctive value, for round-trip checks.</summary>
    public static TransactionRecord Full(Guid? experimentId) => new()
    {
        TransactionId = Guid.NewGuid(),
        ExperimentId = experimentId,
        Sequence = 41,
        Strategy = "auction",
        ConsumerId = "consumer-7",
        RequestedAt = T0,
        DecidedAt = T0.AddTicks(1_234_560),
        FlowStartedAt = T0.AddTicks(2_000_010),
        FlowEndedAt = T0.AddTicks(123_456_780),
        Qos = new Qos(0.73, 21.5, 34.25, 0.61, 1.7, 1.25, 12.5),
        Participants = ["provider-0", "provider-3", "provider-5", "provider with, \"odd\" name"],
        Missing = ["provider-9"],
        ScoreVectors = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["provider-0"] = new Dictionary<string, double> { ["provider-3"] = 0.123456789012345, ["provider-5"] = 1e-12 },
            ["provider-3"] = new Dictionary<string, double> { ["provider-0"] = 0.5, ["provider-5"] = double.NaN },
        },
        ConsensusVectors = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["provider-5"] = new Dictionary<string, double> { ["provider-0"] = -0.25, ["provider-3"] = 0.3333333333333333 },
        },
        FinalScores = new Dictionary<string, double> { ["provider-0"] = 0.41, ["provider-3"] = 0.39, ["provider-5"] = 0.07 },
        Winner = "provider-0",
        WinnerFaulty = false,
        PricePaid = 0.2,
        MeasuredUplink = 19.876543,
        MeasuredDownlink = 33.1,
        Rating = 0.9717,
        Outcome = TransactionOutcome.Completed,
        FailureReason = "none, \"really\"\nsecond line",
        Simulated = true,
        Aggregator = AggregatorNames.ModifiedZScore,
        Variant = FullParameters.Variant,
        ConsumerParameters = FullParameters,
        ProviderParameters = new Dictionary<string, ProviderPractice>
        {
            ["provider-0"] = new(2.5, AggregatorNames.Median, "honest"),
            ["provider-3"] = new(3, AggregatorNames.ZScore, "faulty"),
        },
        MissingReasons = new Dictionary<string, string> { ["provider-9"] = MissingReasons.Late },
        Time = new ExperimentTime(ExperimentClocks.Virtual, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 61_250, 3),
        WinnerLink = new ProviderLinkState(19.75, 33.5, Up: true, Step: 3) { DelayMs = 12.5, JitterMs = 2.25, LossPercent = 0.5 },
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
    };

    private static readonly AuctionParameters FullParameters =
        AuctionParameters.Default with { ConsumerTau = 1.5, Aggregator = AggregatorNames.ModifiedZScore, ConsumerMemory = 0.25 };
}

/// <summary>An ILogger that keeps what was logged, to assert on it.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _entries.Enqueue((logLevel, formatter(state, exception)));
        Interlocked.Exchange(ref _logged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits for an entry that matches, woken by each new entry; false when none came within the timeout.</summary>
    public async Task<bool> WaitForAsync(Func<(LogLevel Level, string Message), bool> match, TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = Volatile.Read(ref _logged).Task;
            if (_entries.Any(match))
            {
                return true;
            }

            try
            {
                await next.WaitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                return _entries.Any(match);
            }
        }
    }
}
