namespace Auction.Grains.Interfaces.Models;

/// <summary>One purchase request fired at a consumer: the QoS, the strategy and the providers to ask.</summary>
[GenerateSerializer, Immutable]
public sealed record PurchaseRequest
{
    [Id(0)] public Guid TransactionId { get; init; } = Guid.NewGuid();
    [Id(1)] public Guid? ExperimentId { get; init; }
    [Id(2)] public int? Sequence { get; init; }
    [Id(3)] public string Strategy { get; init; } = Strategies.Auction;
    [Id(4)] public required Qos Qos { get; init; }
    [Id(5)] public required IReadOnlyList<string> Providers { get; init; }
    /// <summary>Consumer-side parameters (consumer_tau, phase deadline, aggregator); null takes the consumer's defaults.</summary>
    [Id(6)] public AuctionParameters? Parameters { get; init; }
    /// <summary>
    /// For benchmarks: stop once the winner is known. No flow runs, nobody is told of a winner, nothing is rated or
    /// logged; the returned record holds the decision only.
    /// </summary>
    [Id(7)] public bool DecisionOnly { get; init; }
    /// <summary>
    /// The request's moment on its experiment's clock; null outside an experiment (the protocol then reads the wall
    /// clock). On the virtual clock it is the protocol's time: uptime, timestamps, and no phase deadline.
    /// </summary>
    [Id(8)] public ExperimentTime? Time { get; init; }
}

/// <summary>Names of the selection strategies, as they appear in configs and results.</summary>
public static class Strategies
{
    public const string Auction = "auction";
    public const string Naive = "naive";
    public const string Random = "random";
    public const string Cheapest = "cheapest";

    public static IReadOnlyList<string> All { get; } = [Auction, Naive, Random, Cheapest];
}
