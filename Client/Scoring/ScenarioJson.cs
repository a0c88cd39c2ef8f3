using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Json;

namespace Auction.Client.Scoring;

/// <summary>The offline scorer's input as written (snake_case); which fields are required is checked after reading.</summary>
public sealed record ScenarioJson
{
    public long? NowMs { get; init; }
    public ScenarioQosJson? Qos { get; init; }
    /// <summary>Overrides of the parameters scoring reads, by their snake_case names (the scorer refuses the others).</summary>
    public AuctionParameterOverrides? Params { get; init; }
    public IReadOnlyList<ScenarioProviderJson?>? Providers { get; init; }
}

/// <summary>The request a scenario scores (every field required).</summary>
public sealed record ScenarioQosJson
{
    public double? Price { get; init; }
    public double? Uplink { get; init; }
    public double? Downlink { get; init; }
    public double? Mu { get; init; }
    public double? Delta { get; init; }
    public double? Epsilon { get; init; }
    public double? FlowSize { get; init; }
}

/// <summary>One provider of a scenario: its id, its ask price and its rows for the peers it has heard from (by peer id).</summary>
public sealed record ScenarioProviderJson
{
    public string? Id { get; init; }
    public double? Price { get; init; }
    public IReadOnlyDictionary<string, ScenarioPeerJson?>? Peers { get; init; }
}

/// <summary>What a provider knows about one peer; fields left out take the parameters' defaults.</summary>
public sealed record ScenarioPeerJson
{
    public long? FirstBeaconMs { get; init; }
    public double? ChannelUtilization { get; init; }
    public double? Rssi { get; init; }
    public double? Uplink { get; init; }
    public double? Downlink { get; init; }
    public double? Feedback { get; init; }
}

/// <summary>System.Text.Json's generated readers for scenarios: snake_case names, unknown and repeated fields refused, comments allowed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowDuplicateProperties = false,
    Converters = [typeof(StrictConverters.FiniteDouble), typeof(StrictConverters.Milliseconds), typeof(StrictConverters.Text)])]
[JsonSerializable(typeof(ScenarioJson))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
