using System.Collections.Concurrent;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Persistence;

/// <summary>A transaction log that keeps records in memory, for the simulated mode and tests.</summary>
public sealed class InMemoryTransactionLog : ITransactionLog
{
    private readonly ConcurrentDictionary<Guid, TransactionRecord> _records = new();

    public ValueTask AppendAsync(TransactionRecord record, CancellationToken cancellationToken = default)
    {
        _records.TryAdd(record.TransactionId, record);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyCollection<TransactionRecord> Records => _records.Values.ToArray();
}
