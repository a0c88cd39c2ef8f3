using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auction.Grains.Json;

/// <summary>
/// The scalar converters every input DTO uses, so that a wrong value is named in one sentence instead of the
/// serializer's "could not be converted to System.Double": finite numbers only, whole numbers written as 3 or 3.0,
/// strings only where a string is expected.
/// </summary>
public static class StrictConverters
{
    /// <summary>A finite number; "NaN" or "Infinity" in quotes (how some writers spell them) is named as not finite.</summary>
    public sealed class FiniteDouble : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadFinite(ref reader);

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>A whole number in the range of <see cref="int"/>, written with or without a fraction of zero.</summary>
    public sealed class WholeInt32 : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i)) return i;
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d) && IsWholeInt32(d)) return (int)d;
            throw new JsonFieldException(WholeInt32Sentence);
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>What <see cref="WholeInt32"/> says of any other value.</summary>
    public static readonly string WholeInt32Sentence = $"must be a whole number between {int.MinValue} and {int.MaxValue}";

    /// <summary>A value of a JSON tree as <see cref="WholeInt32"/> reads it; null when it is not a whole number in the range of <see cref="int"/>.</summary>
    public static int? WholeInt32Of(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double d) && IsWholeInt32(d)
            ? (int)d
            : null;

    private static bool IsWholeInt32(double d) => Math.Floor(d) == d && d is >= int.MinValue and <= int.MaxValue;

    /// <summary>A whole number of milliseconds (a 64-bit count; 3.0 reads as 3, beyond ±9e15 a double is no longer exact).</summary>
    public sealed class Milliseconds : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var l)) return l;
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d) && Math.Floor(d) == d && Math.Abs(d) < 9e15)
                return (long)d;
            throw new JsonFieldException("must be a whole number of milliseconds");
        }

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>A JSON string, refused with a sentence when it is anything else or holds a lone surrogate escape.</summary>
    public sealed class Text : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadText(ref reader);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        /// <summary>Map keys (a scenario's peer ids) are strings too; a converter for string must say how to read them.</summary>
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new JsonFieldException("must not hold an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)");
            }
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
    }

    public static double ReadFinite(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDouble(out var d) && double.IsFinite(d)) return d;
            throw new JsonFieldException("must be a finite number");
        }
        if (reader.TokenType == JsonTokenType.String
            && double.TryParse(ReadText(ref reader), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && !double.IsFinite(parsed))
            throw new JsonFieldException("must be a finite number");
        throw new JsonFieldException("must be a number");
    }

    public static string ReadText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonFieldException("must be a string");
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // strings are decoded lazily: an escaped lone surrogate ("\ud800") fails only here
            throw new JsonFieldException("must not hold an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)");
        }
    }
}
