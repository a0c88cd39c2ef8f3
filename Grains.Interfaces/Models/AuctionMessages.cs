using System.Collections.Immutable;

namespace Auction.Grains.Interfaces.Models;

/// <summary>BUY: the consumer invites the providers to one auction (step 1).</summary>
[GenerateSerializer, Immutable]
public sealed record AuctionInvitation(
    [property: Id(0)] Guid TransactionId,
    [property: Id(1)] string ConsumerId,
    [property: Id(2)] Qos Qos,
    [property: Id(3)] IReadOnlyList<string> Participants,
    [property: Id(4)] long PhaseDeadlineMs)
{
    /// <summary>The request's moment on its experiment's clock (null outside an experiment): on the virtual clock, the auction's "now".</summary>
    [Id(5)] public ExperimentTime? Time { get; init; }
}

/// <summary>REQUEST_VOTE: a provider's bid (its ask price) sent to each peer (step 2).</summary>
[GenerateSerializer, Immutable]
public sealed record Bid(
    [property: Id(0)] Guid TransactionId,
    [property: Id(1)] string ProviderId,
    [property: Id(2)] double Price);

/// <summary>
/// REPLY_VOTE: a provider's fittingness scores of its peers, sent to each peer (step 3). <see cref="Scores"/> holds one
/// entry per participant in the invitation's order, NaN where it gave no score (itself, a peer whose bid came too
/// late): N doubles instead of N provider ids and N doubles. One instance goes to every peer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ScoreVector(
    [property: Id(0)] Guid TransactionId,
    [property: Id(1)] string ProviderId,
    [property: Id(2)] ImmutableArray<double> Scores);

/// <summary>
/// INFORM_VOTE: a provider's consensus, its ask and its endpoint, sent to the consumer (step 4). The score vector it
/// sent its peers rides along only so that the consumer can record it; the decision does not use it. Both vectors
/// are indexed like <see cref="ScoreVector.Scores"/>: the invitation's participant order, NaN for "no value".
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusVector(
    [property: Id(0)] Guid TransactionId,
    [property: Id(1)] string ProviderId,
    [property: Id(2)] ImmutableArray<double> Consensus,
    [property: Id(3)] double AskPrice,
    [property: Id(4)] LinkEndpoint Endpoint,
    [property: Id(5)] ImmutableArray<double> SentScores,
    [property: Id(6)] IReadOnlyList<string> MissingPeers)
{
    /// <summary>What the provider used for this consensus (its tau, aggregator, and how it behaves), recorded with the transaction.</summary>
    [Id(7)] public ProviderPractice? Practice { get; init; }

    /// <summary>The provider's link as applied when it made this consensus, recorded with the transaction it wins.</summary>
    [Id(8)] public ProviderLinkState? Link { get; init; }
}

/// <summary>The parameters a provider used in an auction and its behaviour (honest, or its adversary kind).</summary>
[GenerateSerializer, Immutable]
public sealed record ProviderPractice(
    [property: Id(0)] double Tau,
    [property: Id(1)] string Aggregator,
    [property: Id(2)] string Behaviour);

/// <summary>A beacon: channel utilisation and signal strength, sent to every peer on a timer.</summary>
[GenerateSerializer, Immutable]
public sealed record Beacon(
    [property: Id(0)] string ProviderId,
    [property: Id(1)] double ChannelUtilization,
    [property: Id(2)] double Rssi);

/// <summary>
/// The beacons a provider on a virtual clock sent one peer since its clock last moved, as one message: <see cref="Count"/>
/// beacons, the first at <see cref="FirstMs"/> (Unix ms on the virtual clock) and one every <see cref="IntervalMs"/>
/// after it, the last carrying <see cref="ChannelUtilization"/> and <see cref="Rssi"/>. The receiver's row ends as
/// if each had come on its own.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BeaconRun(
    [property: Id(0)] string ProviderId,
    [property: Id(1)] long FirstMs,
    [property: Id(2)] long IntervalMs,
    [property: Id(3)] int Count,
    [property: Id(4)] double ChannelUtilization,
    [property: Id(5)] double Rssi);

/// <summary>TRANSACTION_END: the flow's measurements and rating (null when the flow failed) for the winner's row (step 8).</summary>
[GenerateSerializer, Immutable]
public sealed record TransactionEnd(
    [property: Id(0)] Guid TransactionId,
    [property: Id(1)] string WinnerId,
    [property: Id(2)] double? MeasuredUplink,
    [property: Id(3)] double? MeasuredDownlink,
    [property: Id(4)] double? Rating);

/// <summary>A provider's self-advertised offer, which is all the naive strategy asks for.</summary>
[GenerateSerializer, Immutable]
public sealed record AdvertisedOffer(
    [property: Id(0)] string ProviderId,
    [property: Id(1)] double AskPrice,
    [property: Id(2)] double Uplink,
    [property: Id(3)] double Downlink,
    [property: Id(4)] LinkEndpoint Endpoint)
{
    /// <summary>The provider's link as applied when it made this offer, recorded with the transaction it wins.</summary>
    [Id(5)] public ProviderLinkState? Link { get; init; }
}

/// <summary>A provider's view of its peers, for tests and diagnostics.</summary>
[GenerateSerializer, Immutable]
public sealed record PeerRowSnapshot(
    [property: Id(0)] long? FirstBeaconMs,
    [property: Id(1)] long? LastBeaconMs,
    [property: Id(2)] double ChannelUtilization,
    [property: Id(3)] double Rssi,
    [property: Id(4)] double Uplink,
    [property: Id(5)] double Downlink,
    [property: Id(6)] double LastPrice,
    [property: Id(7)] double Feedback);

/// <summary>A provider's state at one moment: its active flows and its row for each peer.</summary>
[GenerateSerializer, Immutable]
public sealed record ProviderSnapshot(
    [property: Id(0)] string ProviderId,
    [property: Id(1)] int ActiveFlows,
    [property: Id(2)] IReadOnlyDictionary<string, PeerRowSnapshot> Rows,
    [property: Id(3)] int OpenAuctions);
