using Auction.Grains.Interfaces.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Grains.Persistence;

/// <summary>
/// The consumer silo's transaction log: every record is first made durable in the local
/// <see cref="TransactionOutbox"/> (so the consumer answers only once it would survive a SIGKILL), then queued for
/// PostgreSQL; the outbox forgets it once PostgreSQL holds it. Starting (as a hosted service) queues again whatever a
/// previous process of this silo left in the outbox; storing is idempotent by transaction id, so a record stored
/// just before the crash is not stored twice.
/// </summary>
public sealed class OutboxTransactionLog : ITransactionLog, IHostedService, IAsyncDisposable
{
    private readonly TransactionOutbox _outbox;
    private readonly PostgresTransactionLog _database;
    private readonly ILogger<OutboxTransactionLog> _logger;
    private int _replayed;

    public OutboxTransactionLog(TransactionOutbox outbox, PostgresTransactionLog database, ILogger<OutboxTransactionLog> logger)
    {
        _outbox = outbox;
        _database = database;
        _logger = logger;
        _database.RecordStored += record => _outbox.MarkStored(record.TransactionId);
    }

    /// <summary>Records still only in the outbox (not yet confirmed stored in PostgreSQL).</summary>
    public int Pending => _outbox.PendingCount;

    public async ValueTask AppendAsync(TransactionRecord record, CancellationToken cancellationToken = default)
    {
        _outbox.Append(record);
        await _database.AppendAsync(record, cancellationToken);
    }

    /// <summary>Queues the records a previous process left in the outbox (once per instance).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _replayed, 1) != 0) return;
        var left = _outbox.Pending;
        if (left.Count == 0) return;
        _logger.LogWarning(
            "Replaying {Count} transaction(s) a previous run of this silo finished but had not stored in PostgreSQL (outbox {Path})",
            left.Count, _outbox.FilePath);
        foreach (var record in left) await _database.AppendAsync(record, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        if (_outbox.PendingCount > 0)
            _logger.LogWarning("{Count} transaction(s) are kept in the outbox {Path} for the next start of this silo",
                _outbox.PendingCount, _outbox.FilePath);
        _outbox.Dispose();
    }
}
