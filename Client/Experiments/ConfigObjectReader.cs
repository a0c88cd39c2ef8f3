using System.Globalization;
using System.Text.Json;
using Auction.Client.Scoring;

namespace Auction.Client.Experiments;

/// <summary>
/// Reads the fields of one JSON object of an experiment config. Unlike the scenario reader it does not stop at the
/// first bad field: every problem is added to <see cref="ConfigIssues"/> with its JSON path and value, and the field
/// reads as absent.
/// </summary>
public sealed class ConfigObjectReader
{
    private readonly JsonElement _object;
    private readonly ConfigIssues _issues;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private ConfigObjectReader(JsonElement element, string path, ConfigIssues issues)
    {
        _object = element;
        _issues = issues;
        Path = path;
    }

    public string Path { get; }

    /// <summary>A reader of <paramref name="element"/>, or null (with an error) when it is not a JSON object.</summary>
    public static ConfigObjectReader? Of(JsonElement element, string path, ConfigIssues issues)
    {
        if (element.ValueKind == JsonValueKind.Object) return new ConfigObjectReader(element, path, issues);
        issues.Error(path.Length == 0 ? "the config" : path, $"must be a JSON object, got {JsonFieldReader.Show(element)}.");
        return null;
    }

    public string PathOf(string name) => Path.Length == 0 ? Cli.Excerpt.Of(name) : $"{Path}.{Cli.Excerpt.Of(name)}";

    public bool Has(string name) => _object.TryGetProperty(name, out _);

    public IEnumerable<string> Names => _object.EnumerateObject().Select(p => p.Name);

    public JsonElement? Take(string name)
    {
        _known.Add(name);
        return _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public double? Number(string name) => Take(name) is { } value ? Number(value, PathOf(name), _issues) : null;

    public int? Integer(string name) => Take(name) is { } value ? Integer(value, PathOf(name), _issues) : null;

    public string? Text(string name)
    {
        if (Take(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        _issues.Error(PathOf(name), $"must be a string, got {JsonFieldReader.Show(value)}.");
        return null;
    }

    /// <summary>Reports every field none of the reads asked for (a misspelt field would otherwise be silently ignored).</summary>
    public void RejectUnknown()
    {
        foreach (var property in _object.EnumerateObject().Where(p => !_known.Contains(p.Name)))
        {
            _issues.Error(PathOf(property.Name),
                $"is not a known field (allowed: {string.Join(", ", _known.Order(StringComparer.Ordinal))}), got {JsonFieldReader.Show(property.Value)}.");
        }
    }

    public static double? Number(JsonElement value, string path, ConfigIssues issues)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && !double.IsFinite(parsed))
        {
            issues.Error(path, $"must be a finite number, got {JsonFieldReader.Show(value)}.");
            return null;
        }

        issues.Error(path, value.ValueKind == JsonValueKind.Number
            ? $"must be a finite number, got {JsonFieldReader.Show(value)}."
            : $"must be a number, got {JsonFieldReader.Show(value)}.");
        return null;
    }

    public static int? Integer(JsonElement value, string path, ConfigIssues issues)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)) return i;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && Math.Floor(d) == d && d is >= int.MinValue and <= int.MaxValue)
            return (int)d;
        issues.Error(path, $"must be a whole number between {int.MinValue} and {int.MaxValue}, got {JsonFieldReader.Show(value)}.");
        return null;
    }
}
