using Orleans.Concurrency;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Interfaces;

/// <summary>A consumer (user device), keyed by consumer id: runs one auction per purchase request.</summary>
public interface IConsumerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the request to the end (decision, flow, rating, TRANSACTION_END), logs the transaction and returns it.
    /// A request that fails validation throws an ArgumentException naming the field and leaves nothing behind.
    /// </summary>
    /// <remarks>Bounded by the consumer's flow timeout (lab default: 2 × 30 min + 1 min) plus three phase deadlines.</remarks>
    [ResponseTimeout("02:00:00")]
    Task<TransactionRecord> Purchase(PurchaseRequest request);

    /// <summary>
    /// Whether this activation is running the request. A client that has not been answered asks: false (twice) means
    /// the activation that ran it is gone with its silo, and the answer will never come.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout("00:00:05")]
    Task<bool> IsRunning(Guid transactionId);

    /// <summary>INFORM_VOTE from a provider.</summary>
    [OneWay] Task ReceiveConsensus(ConsensusVector consensus);
}
