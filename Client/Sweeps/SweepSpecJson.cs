using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Auction.Grains.Json;

namespace Auction.Client.Sweeps;

/// <summary>A sweep file as written (snake_case): its name, mode, seeds, axes and the experiment every cell starts from.</summary>
public sealed record SweepSpecJson
{
    public string? Name { get; init; }
    public string? Mode { get; init; }
    [JsonConverter(typeof(SweepSeedsConverter))] public SweepSeedsJson? Seeds { get; init; }
    public IReadOnlyList<SweepAxisJson?>? Axes { get; init; }
    /// <summary>An experiment in the product's format, kept as a tree: each cell sets its fields by path, then it is read as a config.</summary>
    public JsonObject? Experiment { get; init; }
}

/// <summary>The seeds of a sweep: a list of whole numbers, or a range <c>{"from": A, "to": B}</c>.</summary>
public sealed record SweepSeedsJson(IReadOnlyList<int>? List, int? From, int? To);

/// <summary>The range form of a sweep's seeds.</summary>
public sealed record SweepSeedRangeJson(int? From, int? To);

/// <summary>One axis: the experiment field it sets, or a name when its values set several fields under a label.</summary>
public sealed record SweepAxisJson
{
    public string? Field { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<SweepValueJson?>? Values { get; init; }
}

/// <summary>One value of an axis: a plain JSON value for the axis' field, or a labelled set of fields (<see cref="SweepPointJson"/>).</summary>
public sealed record SweepValueJson(JsonNode? Value, SweepPointJson? Point);

/// <summary>A labelled point of an axis: <c>{"label": "…", "set": {"field": value, …}}</c>.</summary>
public sealed record SweepPointJson(string? Label, JsonObject? Set);

/// <summary>Reads <see cref="SweepSeedsJson"/> from either of its two forms; anything else is refused in one sentence.</summary>
public sealed class SweepSeedsConverter : JsonConverter<SweepSeedsJson>
{
    public const string Sentence = "must be a non-empty array of whole numbers or {\"from\": A, \"to\": B} with B ≥ A";

    public override SweepSeedsJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return reader.TokenType switch
            {
                JsonTokenType.StartArray => new SweepSeedsJson(JsonSerializer.Deserialize(ref reader, SweepJsonContext.Default.IReadOnlyListInt32), null, null),
                JsonTokenType.StartObject when JsonSerializer.Deserialize(ref reader, SweepJsonContext.Default.SweepSeedRangeJson) is { } range =>
                    new SweepSeedsJson(null, range.From, range.To),
                _ => throw new JsonFieldException(Sentence),
            };
        }
        catch (JsonException)
        {
            throw new JsonFieldException(Sentence);
        }
    }

    public override void Write(Utf8JsonWriter writer, SweepSeedsJson value, JsonSerializerOptions options) =>
        throw new NotSupportedException("sweep files are only read");
}

/// <summary>Reads an axis value: an object is a labelled point (its fields checked), anything else a plain value.</summary>
public sealed class SweepValueConverter : JsonConverter<SweepValueJson>
{
    public override SweepValueJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return new SweepValueJson(JsonNode.Parse(ref reader), null);
        var info = SweepJsonContext.Default.SweepPointJson;
        try
        {
            return new SweepValueJson(null, JsonSerializer.Deserialize(ref reader, info));
        }
        catch (JsonException e)
        {
            throw JsonFieldException.Nested(e, info);
        }
    }

    public override void Write(Utf8JsonWriter writer, SweepValueJson value, JsonSerializerOptions options) =>
        throw new NotSupportedException("sweep files are only read");
}

/// <summary>System.Text.Json's generated readers for sweep files: snake_case names, unknown fields refused, comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(StrictConverters.WholeInt32), typeof(StrictConverters.Text), typeof(SweepValueConverter)])]
[JsonSerializable(typeof(SweepSpecJson))]
[JsonSerializable(typeof(IReadOnlyList<int>))]
[JsonSerializable(typeof(SweepSeedRangeJson))]
internal sealed partial class SweepJsonContext : JsonSerializerContext;
