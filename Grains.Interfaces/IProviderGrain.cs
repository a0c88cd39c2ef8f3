using Orleans.Concurrency;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Interfaces;

/// <summary>
/// A provider (access network), keyed by provider id. Peer messages of an auction are one-way so that providers
/// calling each other never wait on each other; BUY, the naive offer and the consumer's START_FLOW and
/// TRANSACTION_END are answered (the consumer waits for the last two only on a virtual clock).
/// </summary>
public interface IProviderGrain : IGrainWithStringKey
{
    /// <summary>Activates the provider (registers it, starts its beacons) and returns what the registry knows of it.</summary>
    [ResponseTimeout("00:00:10")]
    Task<ProviderInfo> Start();

    /// <summary>
    /// BUY: joins an auction and answers at once; bids, vectors and the consensus follow as messages. In a world it
    /// first takes its state at the request's time and number; while its link is down it refuses with
    /// <see cref="ProviderLinkDownException"/> (recorded as missing, <see cref="MissingReasons.Down"/>).
    /// </summary>
    [ResponseTimeout("00:00:05")]
    Task<bool> Buy(AuctionInvitation invitation);

    [OneWay] Task ReceiveBid(Bid bid);
    [OneWay] Task ReceiveScoreVector(ScoreVector vector);
    [OneWay] Task ReceiveBeacon(Beacon beacon);

    /// <summary>START_FLOW: everyone learns the winner; the winner counts one more active flow.</summary>
    [ResponseTimeout("00:00:05")]
    Task StartFlow(Guid transactionId, string winnerId);

    /// <summary>TRANSACTION_END: the winner counts one flow less; the others record its measurements and rating.</summary>
    [ResponseTimeout("00:00:05")]
    Task EndTransaction(TransactionEnd end);

    /// <summary>
    /// The provider's own offer, for the naive and other baseline strategies; <paramref name="time"/> is the request's
    /// moment on its experiment's clock, if any (in a world, its state then). Refused as BUY is while its link is down.
    /// </summary>
    [ResponseTimeout("00:00:05")]
    Task<AdvertisedOffer> GetOffer(ExperimentTime? time);

    /// <summary>
    /// Starts a run on a virtual clock whose time 0 is <paramref name="origin"/>: the provider forgets what earlier
    /// runs taught it (its peer rows, its flows, its adversary's draws and counts), so every run starts from the
    /// same state, and from now on beacons <paramref name="peers"/> only as <see cref="AdvanceClock"/> moves its clock,
    /// never on its wall-clock timer. The first beacons are due at time 0. A provider in a world whose entry started
    /// on this same virtual clock (same origin: <see cref="EnterWorld"/> came first for this run) starts again from the
    /// world's start state; any other world is left, and the provider takes its catalog configuration again. The
    /// client calls this first and <see cref="EnterWorld"/> after it, at each strategy's start; either order gives the
    /// same start.
    /// </summary>
    [ResponseTimeout("00:00:30")]
    Task StartVirtualClock(DateTimeOffset origin, IReadOnlyList<string> peers);

    /// <summary>
    /// Moves the virtual clock to <paramref name="time"/>: takes its world's state at that time and request (if it is in
    /// a world), then sends every beacon due up to it (one each beacon_interval_ms of experiment time from 0; none while
    /// its link is down) and returns once its peers have them.
    /// </summary>
    [ResponseTimeout("00:01:00")]
    Task AdvanceClock(ExperimentTime time);

    /// <summary>A peer's beacons since its virtual clock last moved (<see cref="AdvanceClock"/>).</summary>
    [ResponseTimeout("00:00:30")]
    Task ReceiveBeacons(BeaconRun beacons);

    /// <summary>
    /// A strategy's run starts in <paramref name="entry"/>'s world: the provider takes its entry's initial state (ask,
    /// claims, shaped rates, link up or down, signal strength, behaviour), applies it to its link in place, and from
    /// then on follows its schedule on the run's clock (time steps, request steps, a rate trace). Returns the link state
    /// applied. Throws <see cref="ArgumentException"/> when the world has no entry for this provider or cannot be read.
    /// From then on its state is evaluated at every BUY, offer and <see cref="AdvanceClock"/> (the world's state at the
    /// request's experiment time and number) and, on the wall clock with a time scale above 0, also by a timer at each
    /// time step and trace row (origin + t × time scale). Entering again starts over, with a fresh adversary. On the
    /// virtual clock call <see cref="StartVirtualClock"/> first.
    /// </summary>
    [ResponseTimeout("00:00:30")]
    Task<ProviderLinkState> EnterWorld(WorldEntry entry);

    /// <summary>
    /// Moves a provider that follows a world to a request's experiment time and number although the consumer does not
    /// invite it, because the registry has its link down; returns whether its link is up then. Without it, on the wall
    /// clock a link taken down would never hear the request whose step brings it back up (the virtual clock moves
    /// every provider itself, <see cref="AdvanceClock"/>).
    /// </summary>
    [ResponseTimeout("00:00:05")]
    Task<bool> ReachRequest(ExperimentTime time);

    [ResponseTimeout("00:00:05")]
    Task<ProviderSnapshot> GetSnapshot();
}
