using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Scoring;

/// <summary>One offline-scoring scenario: the moment of the auction, the request, the parameters and the providers.</summary>
public sealed record Scenario(long NowMs, Qos Qos, AuctionParameters Parameters, IReadOnlyList<ScenarioProvider> Providers);

/// <summary>A provider of a scenario: its id, its ask price (its bid) and its rows for the peers it has heard from.</summary>
public sealed record ScenarioProvider(string Id, double Price, IReadOnlyDictionary<string, ScenarioPeerRow> Peers);

/// <summary>What a provider knows about one peer: the start of the peer's beacon run, its last beacon's CU and RSSI,
/// the speeds last measured through it and its reputation.</summary>
public sealed record ScenarioPeerRow(
    long FirstBeaconMs, double ChannelUtilization, double Rssi, double Uplink, double Downlink, double Feedback);
