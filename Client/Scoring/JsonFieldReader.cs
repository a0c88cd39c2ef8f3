using System.Globalization;
using System.Text.Json;

namespace Auction.Client.Scoring;

/// <summary>
/// Reads the fields of one JSON object by name, checking their types and naming any bad one by its JSON path
/// (for example <c>providers[1].peers.p3.uplink</c>) and its value. Unknown fields are rejected.
/// </summary>
public sealed class JsonFieldReader
{
    private readonly JsonElement _object;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public JsonFieldReader(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new ScenarioException($"{Describe(path)} must be an object, got {Show(element)}.");
        _object = element;
        Path = path;
    }

    public string Path { get; }

    public string PathOf(string name) => Path.Length == 0 ? Cli.Excerpt.Of(name) : $"{Path}.{Cli.Excerpt.Of(name)}";

    public JsonElement? Optional(string name)
    {
        _known.Add(name);
        return _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public JsonElement Required(string name) =>
        Optional(name) ?? throw new ScenarioException($"{PathOf(name)} is required but missing.");

    public double RequiredDouble(string name) => Double(Required(name), PathOf(name));

    public double OptionalDouble(string name, double fallback) =>
        Optional(name) is { } value ? Double(value, PathOf(name)) : fallback;

    public long RequiredLong(string name)
    {
        var value = Required(name);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long integer)) return integer;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && Math.Floor(d) == d && Math.Abs(d) < 9e15)
            return (long)d;
        throw new ScenarioException($"{PathOf(name)} must be an integer number of milliseconds, got {Show(value)}.");
    }

    public string RequiredString(string name) => String(Required(name), PathOf(name));

    public string? OptionalString(string name) => Optional(name) is { } value ? String(value, PathOf(name)) : null;

    /// <summary>Rejects every field that none of the reads above asked for (a misspelt field would otherwise be silently ignored).</summary>
    public void RejectUnknown()
    {
        foreach (var property in _object.EnumerateObject())
        {
            if (_known.Contains(property.Name)) continue;
            throw new ScenarioException(
                $"{PathOf(property.Name)} is not a known field (allowed: {string.Join(", ", _known.Order(StringComparer.Ordinal))}), got {Show(property.Value)}.");
        }
    }

    public static double Double(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetDouble(out double d) && double.IsFinite(d)) return d;
            throw new ScenarioException($"{path} must be a finite number, got {Show(value)}.");
        }
        // "NaN", "Infinity" and "-Infinity" are how JSON writers that allow them spell the non-finite numbers.
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
            && !double.IsFinite(parsed))
            throw new ScenarioException($"{path} must be a finite number, got {Show(value)}.");
        throw new ScenarioException($"{path} must be a number, got {Show(value)}.");
    }

    public static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ScenarioException($"{path} must be a string, got {Show(value)}.");

    /// <summary>A short one-line rendering of a JSON value for an error message.</summary>
    public static string Show(JsonElement value)
    {
        string text = value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.Null => "null",
            _ => value.GetRawText(),
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Describe(string path) => path.Length == 0 ? "the scenario" : path;
}
