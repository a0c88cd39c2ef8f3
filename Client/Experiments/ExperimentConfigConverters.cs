using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Grains.Json;

namespace Auction.Client.Experiments;

/// <summary>A distribution field: a bare number (a fixed value) or an object of <see cref="DistributionJson"/>'s fields.</summary>
public sealed class DistributionConverter : JsonConverter<DistributionJson>
{
    public override DistributionJson? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var value = StrictConverters.ReadFinite(ref reader);
            return new DistributionJson(value, 0, value, value);
        }
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonFieldException("must be a number or an object {\"mean\", \"std_dev\", \"lowest\", \"highest\"}");
        var info = ExperimentConfigJsonContext.Default.DistributionJson;
        try
        {
            return JsonSerializer.Deserialize(ref reader, info);
        }
        catch (JsonException e)
        {
            throw JsonFieldException.Nested(e, info);
        }
    }

    public override void Write(Utf8JsonWriter writer, DistributionJson value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ExperimentConfigJsonContext.Default.DistributionJson);
}

/// <summary>The product config's <c>strategy</c>: a name, a comma list, or an array of names (read as a comma list).</summary>
public sealed class StrategyFieldConverter : JsonConverter<string>
{
    private const string Sentence = "must be a strategy name, a comma list or an array of names";

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return StrictConverters.ReadText(ref reader);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonFieldException(Sentence);
        return string.Join(',', ReadTexts(ref reader, Sentence));
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The strings of the array the reader stands on; anything else in it is refused with <paramref name="sentence"/>.</summary>
    internal static List<string> ReadTexts(ref Utf8JsonReader reader, string sentence)
    {
        var texts = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonFieldException(sentence);
            texts.Add(StrictConverters.ReadText(ref reader));
        }
        return texts;
    }
}

/// <summary>The product config's <c>providers</c>: <c>"all"</c> (read as null, like leaving it out) or an array of provider ids.</summary>
public sealed class ProviderIdsConverter : JsonConverter<IReadOnlyList<string>>
{
    private const string Sentence = "must be \"all\" or an array of provider ids";

    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && StrictConverters.ReadText(ref reader) == "all") return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonFieldException(Sentence);
        return StrategyFieldConverter.ReadTexts(ref reader, Sentence);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var id in value) writer.WriteStringValue(id);
        writer.WriteEndArray();
    }
}
