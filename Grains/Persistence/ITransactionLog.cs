using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Persistence;

/// <summary>
/// Where finished transactions go. Appending must not lose a record: an implementation that cannot store it now
/// keeps it and retries. Appending the same transaction id twice stores it once.
/// </summary>
public interface ITransactionLog
{
    ValueTask AppendAsync(TransactionRecord record, CancellationToken cancellationToken = default);
}
