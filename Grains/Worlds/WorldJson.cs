using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Auction.Grains.Worlds;

/// <summary>A world file as written (snake_case; every field optional here, the reader says which are required).</summary>
public sealed record WorldJson
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<WorldProviderJson?>? Providers { get; init; }
    public ReferenceWorldJson? Reference { get; init; }
}

/// <summary>One entry of a world's <c>providers</c>.</summary>
public sealed record WorldProviderJson
{
    public string? Id { get; init; }
    public double? AskPrice { get; init; }
    public LinkRatesJson? Claimed { get; init; }
    public ShapedLinkJson? Shaped { get; init; }
    public double? SignalStrength { get; init; }
    public BehaviourJson? Behaviour { get; init; }
    public int? Seed { get; init; }
    public IReadOnlyList<ScheduleStepJson?>? Schedule { get; init; }
    public string? Trace { get; init; }
}

/// <summary>A pair of rates in MB/s: <c>{"uplink": …, "downlink": …}</c>.</summary>
public sealed record LinkRatesJson(double? Uplink, double? Downlink);

/// <summary>A link's <c>shaped</c>: its rates in MB/s and what netem adds to them (delay and jitter in ms, loss in percent).</summary>
public sealed record ShapedLinkJson
{
    public double? Uplink { get; init; }
    public double? Downlink { get; init; }
    public double? DelayMs { get; init; }
    public double? JitterMs { get; init; }
    public double? LossPercent { get; init; }
}

/// <summary>
/// A provider's <c>behaviour</c>: its kind, and that kind's parameters by their adversary registry names
/// (<c>honest_transactions</c> …), kept as written and read by <see cref="AdversaryParameterFields"/>, which refuses any
/// other field.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record BehaviourJson
{
    public string? Kind { get; init; }
    public IReadOnlyList<string?>? Allies { get; init; }
    // settable: the serializer cannot hand extension data to an init-only property
    [JsonExtensionData] public JsonObject? Parameters { get; set; }
}

/// <summary>One step of a provider's <c>schedule</c>: when, and what changes.</summary>
public sealed record ScheduleStepJson
{
    public double? AtS { get; init; }
    public int? AtRequest { get; init; }
    public ShapedLinkJson? Shaped { get; init; }
    public string? Link { get; init; }
    public double? AskPrice { get; init; }
    public LinkRatesJson? Claimed { get; init; }
    public double? SignalStrength { get; init; }
    public BehaviourJson? Behaviour { get; init; }
}

/// <summary>
/// The shorthand for the reference world: <c>{"providers": N, "faulty": F, "adversary": …}</c>, and the adversary
/// kinds' parameters by their registry names, kept as written and read by <see cref="AdversaryParameterFields"/>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record ReferenceWorldJson
{
    public int? Providers { get; init; }
    public int? Faulty { get; init; }
    public string? Adversary { get; init; }
    // settable: the serializer cannot hand extension data to an init-only property
    [JsonExtensionData] public JsonObject? Parameters { get; set; }
}
