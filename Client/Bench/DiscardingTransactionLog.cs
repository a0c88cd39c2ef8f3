using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

namespace Auction.Client.Bench;

/// <summary>
/// A transaction log that only counts what it is given: the benchmark reads each record from the Purchase answer,
/// and keeping K records of N×N score vectors in memory would inflate the working set it measures.
/// </summary>
public sealed class DiscardingTransactionLog : ITransactionLog
{
    private long _appended;

    public long Appended => Interlocked.Read(ref _appended);

    public ValueTask AppendAsync(TransactionRecord record, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appended);
        return ValueTask.CompletedTask;
    }
}
