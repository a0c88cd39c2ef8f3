namespace Auction.Client.Bench;

/// <summary>
/// How many grain calls one auction among n providers makes, from the protocol (docs/algorithm.md steps 1–8 as the
/// grains implement them), counted as calls delivered to a grain:
/// Purchase 1 (client → consumer), GetProviders 1 (consumer → registry), BUY n, bids n(n−1), score vectors n(n−1),
/// consensus n, START_FLOW n, TRANSACTION_END n: in all 2n(n−1) + 4n + 2.
/// </summary>
public static class ProtocolModel
{
    public static IReadOnlyDictionary<string, long> MessagesPerAuctionByMethod(int n)
    {
        long peers = (long)n * (n - 1);
        return new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [GrainCallNames.Purchase] = 1,
            [GrainCallNames.GetProviders] = 1,
            [GrainCallNames.Buy] = n,
            [GrainCallNames.ReceiveBid] = peers,
            [GrainCallNames.ReceiveScoreVector] = peers,
            [GrainCallNames.ReceiveConsensus] = n,
            [GrainCallNames.StartFlow] = n,
            [GrainCallNames.EndTransaction] = n,
        };
    }

    /// <summary>
    /// A decision-only auction (<c>PurchaseRequest.DecisionOnly</c>): no START_FLOW, no TRANSACTION_END, so
    /// 2n(n−1) + 2n + 2.
    /// </summary>
    public static long DecisionOnlyMessagesPerAuction(int n) => 2L * n * (n - 1) + 2L * n + 2;

    /// <summary>2n(n−1) + 4n + 2.</summary>
    public static long MessagesPerAuction(int n) => 2L * n * (n - 1) + 4L * n + 2;
}

/// <summary>The grain methods the benchmark counts, as "Interface.Method".</summary>
public static class GrainCallNames
{
    public const string Purchase = "IConsumerGrain.Purchase";
    public const string ReceiveConsensus = "IConsumerGrain.ReceiveConsensus";
    public const string GetProviders = "IProviderRegistryGrain.GetProviders";
    public const string Heartbeat = "IProviderRegistryGrain.Heartbeat";
    public const string Buy = "IProviderGrain.Buy";
    public const string ReceiveBid = "IProviderGrain.ReceiveBid";
    public const string ReceiveScoreVector = "IProviderGrain.ReceiveScoreVector";
    public const string ReceiveBeacon = "IProviderGrain.ReceiveBeacon";
    public const string StartFlow = "IProviderGrain.StartFlow";
    public const string EndTransaction = "IProviderGrain.EndTransaction";

    /// <summary>Calls an auction makes (the rest — beacons, heartbeats, snapshots — are background).</summary>
    public static IReadOnlySet<string> Protocol { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Purchase, ReceiveConsensus, GetProviders, Buy, ReceiveBid, ReceiveScoreVector, StartFlow, EndTransaction,
    };
}
