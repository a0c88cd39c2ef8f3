using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>The product's experiment config as written (every field optional; names in snake_case).</summary>
public sealed record ProductConfigJson
{
    public string? Name { get; init; }
    [JsonConverter(typeof(StrategyFieldConverter))] public string? Strategy { get; init; }
    public int? Seed { get; init; }
    public RequestsJson? Requests { get; init; }
    public QosJson? Qos { get; init; }
    /// <summary>The ids to ask; null both when left out and when "all".</summary>
    [JsonConverter(typeof(ProviderIdsConverter))] public IReadOnlyList<string>? Providers { get; init; }
    public int? Consumers { get; init; }
    public int? Concurrency { get; init; }
    public double? TimeScale { get; init; }
    /// <summary>Overrides of the auction parameters, by their snake_case names (<see cref="AuctionParameter"/>).</summary>
    public AuctionParameterOverrides? Parameters { get; init; }
    public TopologyJson? Topology { get; init; }
    /// <summary>The world: a world file's path (relative to the config's folder) or a world object written inline.</summary>
    public JsonNode? World { get; init; }
}

/// <summary>The <c>requests</c> object of the product's config.</summary>
public sealed record RequestsJson
{
    public int? Count { get; init; }
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? IntervalS { get; init; }
}

/// <summary>The <c>qos</c> object of the product's config: one distribution per requested quality.</summary>
public sealed record QosJson
{
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? Uplink { get; init; }
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? Downlink { get; init; }
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? Price { get; init; }
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? Mu { get; init; }
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? Delta { get; init; }
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? Epsilon { get; init; }
    [JsonConverter(typeof(DistributionConverter))] public DistributionJson? FlowSize { get; init; }
}

/// <summary>A distribution as written: any of its four fields (the rest from a fallback), or a bare number for a fixed value.</summary>
public sealed record DistributionJson(double? Mean, double? StdDev, double? Lowest, double? Highest)
{
    public ClampedNormalSpec Or(ClampedNormalSpec fallback) =>
        new(Mean ?? fallback.Mean, StdDev ?? fallback.StdDev, Lowest ?? fallback.Lowest, Highest ?? fallback.Highest);
}

/// <summary>
/// The <c>topology</c> object of the product's config (the simulated mode's providers). Its other fields are the
/// parameters of the adversary kinds (<c>on_off_honest</c> …), named by the adversary registry: they are kept
/// as written and read by <see cref="TopologyAdversaryReader"/>, which refuses any other field.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record TopologyJson
{
    public string? Adversary { get; init; }
    public int? Providers { get; init; }
    public int? Faulty { get; init; }
    // settable: the serializer cannot hand extension data to an init-only property
    [JsonExtensionData] public JsonObject? AdversaryParameters { get; set; }
}

/// <summary>
/// The flat reference trigger config as written. <c>consumer_address</c> and <c>provider_list[].address</c> are
/// fields of the original prototype's format: they are accepted (so its files read as they are) and have no effect.
/// </summary>
public sealed record ReferenceConfigJson
{
    public string? Name { get; init; }
    public string? Strategy { get; init; }
    public int? Seed { get; init; }
    /// <summary>Any value: read only to say that it is ignored.</summary>
    public JsonElement? ConsumerAddress { get; init; }
    public int? BuyEventCount { get; init; }
    public double? BuyEventIntervalMean { get; init; }
    public double? BuyEventIntervalStdDev { get; init; }
    public double? BuyEventIntervalLowest { get; init; }
    public double? BuyEventIntervalHighest { get; init; }
    public double? UplinkMean { get; init; }
    public double? UplinkStdDev { get; init; }
    public double? UplinkLowest { get; init; }
    public double? UplinkHighest { get; init; }
    public double? DownlinkMean { get; init; }
    public double? DownlinkStdDev { get; init; }
    public double? DownlinkLowest { get; init; }
    public double? DownlinkHighest { get; init; }
    public double? PriceMean { get; init; }
    public double? PriceStdDev { get; init; }
    public double? PriceLowest { get; init; }
    public double? PriceHighest { get; init; }
    public double? MuMean { get; init; }
    public double? MuStdDev { get; init; }
    public double? MuLowest { get; init; }
    public double? MuHighest { get; init; }
    public double? DeltaMean { get; init; }
    public double? DeltaStdDev { get; init; }
    public double? DeltaLowest { get; init; }
    public double? DeltaHighest { get; init; }
    public double? EpsilonMean { get; init; }
    public double? EpsilonStdDev { get; init; }
    public double? EpsilonLowest { get; init; }
    public double? EpsilonHighest { get; init; }
    public double? FlowSizeMean { get; init; }
    public double? FlowSizeStdDev { get; init; }
    public double? FlowSizeLowest { get; init; }
    public double? FlowSizeHighest { get; init; }
    public IReadOnlyList<ReferenceProviderJson?>? ProviderList { get; init; }
}

/// <summary>One entry of the reference config's <c>provider_list</c>.</summary>
public sealed record ReferenceProviderJson(string? ProviderId, string? Address);
