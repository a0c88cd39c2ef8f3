namespace Auction.Grains.Interfaces.Models;

/// <summary>The provider and consumer parameters of docs/algorithm.md, with its defaults.</summary>
[GenerateSerializer, Immutable]
public sealed record AuctionParameters
{
    [Id(0)] public long BeaconIntervalMs { get; init; } = 10_000;
    [Id(1)] public long BeaconTLimitMs { get; init; } = 30_000;
    [Id(2)] public double KUptime { get; init; } = 0.5;
    [Id(3)] public double KLoad { get; init; } = 0.5;
    [Id(4)] public double KStrength { get; init; } = 0.5;
    [Id(5)] public double Tau { get; init; } = 3;
    [Id(6)] public double ConsumerTau { get; init; } = 1;
    [Id(7)] public double Gamma { get; init; } = 0.8;
    [Id(8)] public double DefaultPeerFf { get; init; } = 0;
    [Id(9)] public double DefaultPeerUplink { get; init; } = 50;
    [Id(10)] public double DefaultPeerDownlink { get; init; } = 50;
    [Id(11)] public double DefaultPeerLastPrice { get; init; } = 0.5;
    [Id(12)] public double DefaultPeerFeedback { get; init; } = 0.5;
    [Id(13)] public double MockRssi { get; init; } = 125;
    /// <summary>Deadline of each auction phase; a participant that misses it is recorded as missing.</summary>
    [Id(14)] public long PhaseDeadlineMs { get; init; } = 2_000;
    /// <summary>The aggregator of the outlier filters: <c>zscore</c> (the specification) or <c>modified-zscore</c> (the robust option).</summary>
    [Id(15)] public string Aggregator { get; init; } = AggregatorNames.ZScore;
    /// <summary>
    /// Weight w in [0, 1] of the consumer's own memory of the ratings it gave (0: the specification, no memory): the
    /// final scores, put on [0, 1] by min–max over the candidates, become (1 − w)·s' + w·m, m the consumer's moving
    /// average of its ratings of that provider (gamma, starting at default_peer_feedback).
    /// </summary>
    [Id(16)] public double ConsumerMemory { get; init; }

    /// <summary>The decision variant these parameters select, as results name it: the aggregator, "+memory" when w &gt; 0.</summary>
    public string Variant => ConsumerMemory > 0 ? $"{Aggregator}+memory" : Aggregator;

    /// <summary>The aggregator a transaction of this strategy records: baselines filter no scores, so they say none.</summary>
    public string AggregatorFor(string strategy) => strategy == Strategies.Auction ? Aggregator : AggregatorNames.None;

    /// <summary>The decision variant a transaction of this strategy records (none for the baselines).</summary>
    public string VariantFor(string strategy) => strategy == Strategies.Auction ? Variant : AggregatorNames.None;

    public static AuctionParameters Default { get; } = new();
}

/// <summary>Names of the score aggregators, as they appear in configs and results.</summary>
public static class AggregatorNames
{
    public const string ZScore = "zscore";
    public const string ModifiedZScore = "modified-zscore";
    /// <summary>The median of the sample (a breakdown point of one half).</summary>
    public const string Median = "median";
    /// <summary>The mean of the sample without its lowest and highest quarter (rounded down), a robust middle ground.</summary>
    public const string TrimmedMean = "trimmed-mean";

    public static IReadOnlyList<string> All { get; } = [ZScore, ModifiedZScore, Median, TrimmedMean];
    /// <summary>Recorded by the baseline strategies, which filter no scores.</summary>
    public const string None = "none";
}
