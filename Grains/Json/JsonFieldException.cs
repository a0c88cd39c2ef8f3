using System.Text.Json;

namespace Auction.Grains.Json;

/// <summary>
/// A value one of the strict converters refused: <see cref="Sentence"/> says what the field must be (e.g. "must be a
/// number"), and <see cref="Below"/> the part of the path under the position System.Text.Json reports, when the
/// converter read deeper than that (a distribution's <c>.mean</c>). <see cref="StrictJson"/> turns it into a message.
/// </summary>
public sealed class JsonFieldException(string sentence, string below = "", bool unknown = false) : JsonException(sentence)
{
    public string Sentence { get; } = sentence;

    public string Below { get; } = below;

    /// <summary>True when the value is a field the DTO does not know (it is then removed, not made null, to read on).</summary>
    public bool Unknown { get; } = unknown;

    /// <summary>
    /// A problem a converter met while it deserialized a nested DTO (<paramref name="info"/>) itself: the nested
    /// serializer's path restarts at <c>$</c>, so it is kept as <see cref="Below"/> for the outer path to prefix.
    /// </summary>
    public static JsonFieldException Nested(JsonException inner, System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        var below = FullPath(inner)[1..];
        if (inner is JsonFieldException f) return new JsonFieldException(f.Sentence, below, f.Unknown);
        var (sentence, unknown) = StrictJson.Explain(info, StrictJson.Segments(below), value: null);
        return new JsonFieldException(sentence, below, unknown);
    }

    /// <summary>The full JSON path: where the serializer stood plus what the converter read below it.</summary>
    public static string FullPath(JsonException e) => (e.Path ?? "$") + (e is JsonFieldException f ? f.Below : "");
}
