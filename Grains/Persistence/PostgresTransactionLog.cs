using System.Threading.Channels;
using Auction.Grains.Interfaces.Models;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Auction.Grains.Persistence;

/// <summary>Tuning of <see cref="PostgresTransactionLog"/>.</summary>
public sealed record PostgresTransactionLogOptions
{
    /// <summary>First wait after a failed insert; doubles on each further failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock the retry waits on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// How many times a record PostgreSQL rejects for a non-transient reason (a constraint, say) is tried before it is
    /// given up: logged as an error with the whole record and kept in <see cref="PostgresTransactionLog.Rejected"/>.
    /// Connection failures are transient and retried without limit.
    /// </summary>
    public int MaxAttemptsOnRejection { get; init; } = 5;

    /// <summary>How long <see cref="PostgresTransactionLog.DisposeAsync"/> waits for the queue to drain.</summary>
    public TimeSpan DisposeFlushTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Stores finished transactions in PostgreSQL's <c>transactions</c> table. <see cref="AppendAsync"/> only queues the
/// record in memory and returns; one background writer inserts queued records in order (idempotent by transaction
/// id). While PostgreSQL is unreachable the writer keeps the records and retries with capped exponential backoff, so
/// a database restart loses nothing. <see cref="FlushAsync"/> waits (bounded) until everything queued is stored.
/// </summary>
public sealed class PostgresTransactionLog : ITransactionLog, IAsyncDisposable
{
    private static readonly ResiliencePropertyKey<TransactionRecord> RecordKey = new("auction.transaction");
    private static readonly ResiliencePropertyKey<int> RejectionsKey = new("auction.rejections");
    private static readonly ResiliencePropertyKey<int> FailuresKey = new("auction.failures");
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresTransactionLog> _logger;
    private readonly PostgresTransactionLogOptions _options;
    private readonly ResiliencePipeline _retry;
    private readonly Channel<TransactionRecord> _queue = Channel.CreateUnbounded<TransactionRecord>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private readonly object _progressLock = new();
    private readonly List<TransactionRecord> _rejected = [];
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _enqueued;
    private long _done;
    private long _stored;
    private int _disposed;

    public PostgresTransactionLog(
        NpgsqlDataSource dataSource, ILogger<PostgresTransactionLog> logger, PostgresTransactionLogOptions? options = null)
    {
        _dataSource = dataSource;
        _logger = logger;
        _options = options ?? new PostgresTransactionLogOptions();
        _retry = BuildRetry();
        _writer = Task.Run(() => WriteLoopAsync(_stopping.Token));
    }

    /// <summary>Raised on the writer's thread once PostgreSQL holds a record (inserted now, or already there).</summary>
    public event Action<TransactionRecord>? RecordStored;

    /// <summary>Records queued and not yet stored or given up.</summary>
    public long Pending => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _done);

    /// <summary>Records this instance inserted or found already stored (a duplicate id counts once per append).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Records PostgreSQL kept rejecting for a non-transient reason; each was logged as an error in full.</summary>
    public IReadOnlyList<TransactionRecord> Rejected
    {
        get
        {
            lock (_progressLock)
            {
                return _rejected.ToArray();
            }
        }
    }

    public ValueTask AppendAsync(TransactionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Interlocked.Increment(ref _enqueued);
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Decrement(ref _enqueued);
            throw new ObjectDisposedException(nameof(PostgresTransactionLog), "the transaction log is shutting down");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Waits until every record appended before this call is stored (or given up as rejected).
    /// Returns false when <paramref name="timeout"/> passed first; the records stay queued.
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (Interlocked.Read(ref _done) < target)
        {
            Task progress;
            lock (_progressLock)
            {
                progress = _progress.Task;
            }

            if (Interlocked.Read(ref _done) >= target)
            {
                break;
            }

            try
            {
                await progress.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(
                    "Flushing the transaction log timed out after {Timeout}: {Pending} transaction(s) still queued for PostgreSQL",
                    timeout, Pending);
                return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await FlushAsync(_options.DisposeFlushTimeout);
        await _stopping.CancelAsync();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }
        catch (TimeoutException)
        {
            _logger.LogError("The transaction log writer did not stop within 5 s");
        }

        var lost = new List<Guid>();
        while (_queue.Reader.TryRead(out var record))
        {
            lost.Add(record.TransactionId);
        }

        if (lost.Count > 0)
        {
            _logger.LogError(
                "The transaction log was disposed with {Count} transaction(s) not stored in PostgreSQL: {TransactionIds}",
                lost.Count, string.Join(", ", lost));
        }

        _stopping.Dispose();
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
            {
                while (_queue.Reader.TryPeek(out var record))
                {
                    await StoreWithRetryAsync(record, ct);
                    _queue.Reader.TryRead(out _);
                    MarkDone();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "The transaction log writer stopped unexpectedly; {Pending} transaction(s) are not stored", Pending);
        }
    }

    private async Task StoreWithRetryAsync(TransactionRecord record, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RecordKey, record);
        try
        {
            await _retry.ExecuteAsync(
                static (ctx, state) => new ValueTask(state.Log.InsertAsync(state.Record, ctx.CancellationToken)),
                context, (Log: this, Record: record));
            Interlocked.Increment(ref _stored);
            RecordStored?.Invoke(record);
            if (context.Properties.GetValue(FailuresKey, 0) is var failures and > 0)
            {
                _logger.LogInformation(
                    "Stored transaction {TransactionId} in PostgreSQL after {Failures} failed attempt(s)", record.TransactionId, failures);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // the retry lets go only of a record rejected MaxAttemptsOnRejection times
            _logger.LogError(e,
                "PostgreSQL rejected transaction {TransactionId} {Attempts} times; giving it up. The record: {Record}",
                record.TransactionId, context.Properties.GetValue(RejectionsKey, 0), TransactionRows.ToJson(record));
            lock (_progressLock)
            {
                _rejected.Add(record);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Capped exponential backoff without jitter; connection trouble is retried without limit, a rejection (counted per
    /// record in the resilience context) until <see cref="PostgresTransactionLogOptions.MaxAttemptsOnRejection"/>.
    /// </summary>
    private ResiliencePipeline BuildRetry() => new ResiliencePipelineBuilder { TimeProvider = _options.Time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args =>
            {
                if (args.Outcome.Exception is not { } e || args.Context.CancellationToken.IsCancellationRequested)
                    return ValueTask.FromResult(false);
                if (IsTransient(e)) return ValueTask.FromResult(true);
                var rejections = args.Context.Properties.GetValue(RejectionsKey, 0) + 1;
                args.Context.Properties.Set(RejectionsKey, rejections);
                return ValueTask.FromResult(rejections < _options.MaxAttemptsOnRejection);
            },
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = _options.InitialBackoff,
            MaxDelay = _options.MaxBackoff,
            UseJitter = false,
            OnRetry = args =>
            {
                var record = args.Context.Properties.GetValue(RecordKey, null!);
                var e = args.Outcome.Exception!;
                args.Context.Properties.Set(FailuresKey, args.AttemptNumber + 1);
                if (IsTransient(e))
                {
                    _logger.LogWarning(
                        "Could not store transaction {TransactionId} in PostgreSQL (attempt {Attempt}, {Queued} queued): {Error}; retrying in {Backoff}",
                        record.TransactionId, args.AttemptNumber + 1, Pending, e.Message, args.RetryDelay);
                }
                else
                {
                    _logger.LogWarning(
                        "PostgreSQL rejected transaction {TransactionId} (attempt {Attempt} of {Max}): {Error}; retrying in {Backoff}",
                        record.TransactionId, args.Context.Properties.GetValue(RejectionsKey, 0), _options.MaxAttemptsOnRejection, e.Message, args.RetryDelay);
                }

                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private async Task InsertAsync(TransactionRecord record, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(TransactionRows.InsertSql);
        TransactionRows.AddInsertParameters(command, record);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Connection trouble is worth waiting out; a rejected row (constraint, type) mostly is not.</summary>
    private static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException => true, // socket, timeout, I/O: the server is away
        TimeoutException or IOException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    private void MarkDone()
    {
        Interlocked.Increment(ref _done);
        TaskCompletionSource previous;
        lock (_progressLock)
        {
            previous = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
