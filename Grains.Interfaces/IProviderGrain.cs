using Orleans.Concurrency;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Interfaces;

/// <summary>
/// A provider (access network), keyed by provider id. Peer messages are one-way so that providers calling each
/// other never wait on each other; only BUY and the naive offer are answered.
/// </summary>
public interface IProviderGrain : IGrainWithStringKey
{
    /// <summary>Activates the provider (registers it, starts its beacons) and returns what the registry knows of it.</summary>
    [ResponseTimeout("00:00:10")]
    Task<ProviderInfo> Start();

    /// <summary>BUY: joins an auction and answers at once; bids, vectors and the consensus follow as messages.</summary>
    [ResponseTimeout("00:00:05")]
    Task<bool> Buy(AuctionInvitation invitation);

    [OneWay] Task ReceiveBid(Bid bid);
    [OneWay] Task ReceiveScoreVector(ScoreVector vector);
    [OneWay] Task ReceiveBeacon(Beacon beacon);

    /// <summary>START_FLOW: everyone learns the winner; the winner counts one more active flow.</summary>
    [OneWay] Task StartFlow(Guid transactionId, string winnerId);

    [OneWay] Task EndTransaction(TransactionEnd end);

    [ResponseTimeout("00:00:05")]
    Task<AdvertisedOffer> GetOffer();

    [ResponseTimeout("00:00:05")]
    Task<ProviderSnapshot> GetSnapshot();
}
