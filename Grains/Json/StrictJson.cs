using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Auction.Grains.Text;

namespace Auction.Grains.Json;

/// <summary>
/// Reads an input document into a DTO with System.Text.Json and names every problem it meets: a value the DTO cannot
/// hold or a field it does not know becomes one <see cref="JsonProblem"/> (path, sentence, excerpt of the value).
/// The serializer stops at the first problem, so the offending value is then taken out of the tree (an unknown
/// field removed, a bad value made null, which reads as absent) and the tree read again, until it reads or the
/// limit of problems is reached: one call finds all of them.
/// </summary>
public static partial class StrictJson
{
    public const int MaxProblems = 50;

    private const string CannotBeRead = "cannot be read";

    /// <summary>Parses <paramref name="json"/> into a tree; a syntax error is returned in <paramref name="error"/> (one line).</summary>
    public static JsonNode? ParseTree(string json, JsonDocumentOptions options, out string? error)
    {
        error = null;
        try
        {
            return JsonNode.Parse(json, documentOptions: options);
        }
        catch (JsonException e)
        {
            error = Excerpt.Line(e.Message, 200);
            return null;
        }
    }

    /// <summary>
    /// The DTO read from <paramref name="tree"/>, with each bad value left out, or null when the document as a whole
    /// cannot be read; every problem (at most <paramref name="maxProblems"/>) is added to <paramref name="problems"/>.
    /// <paramref name="documentName"/> names the root in messages ("the config").
    /// </summary>
    public static T? Deserialize<T>(JsonNode? tree, JsonTypeInfo<T> info, string documentName, List<JsonProblem> problems, int maxProblems = MaxProblems)
        where T : class
    {
        if (tree is not JsonObject)
        {
            problems.Add(new JsonProblem(documentName, $"must be an object, got {Show(tree)}."));
            return null;
        }

        for (var found = 1; ; found++)
        {
            try
            {
                return tree.Deserialize(info);
            }
            catch (JsonException e)
            {
                var segments = Segments(JsonFieldException.FullPath(e));
                var value = ValueAt(tree, segments);
                var (sentence, unknown) = e is JsonFieldException f ? (f.Sentence, f.Unknown) : Explain(info, segments, value);
                // what the contract cannot explain and the reader refused to decode: a field name with a lone surrogate escape
                var surrogate = sentence == CannotBeRead && e.InnerException is InvalidOperationException;
                problems.Add(new JsonProblem(Display(segments, documentName), surrogate
                    ? "holds a string or field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)."
                    : $"{sentence}, got {Show(value)}."));
                if (found >= maxProblems || !TakeOut(tree, segments, unknown)) return null;
            }
            catch (InvalidOperationException)
            {
                // a tree is written out to be read: an escaped lone surrogate ("\ud800") in a field name fails there
                problems.Add(new JsonProblem(documentName, "holds a string or field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)."));
                return null;
            }
        }
    }

    /// <summary>
    /// Why the serializer refused the value at <paramref name="segments"/>, found by walking the DTO's contract: an
    /// unknown field (then true), or the kind of value the field holds.
    /// </summary>
    public static (string Sentence, bool Unknown) Explain(JsonTypeInfo root, IReadOnlyList<Segment> segments, JsonNode? value)
    {
        var info = root;
        for (var i = 0; i < segments.Count; i++)
        {
            if (info.Kind == JsonTypeInfoKind.Object && segments[i].Name is { } name)
            {
                var property = info.Properties.FirstOrDefault(p => p.Name == name);
                if (property is null)
                {
                    var allowed = string.Join(", ", info.Properties.Select(p => p.Name).Order(StringComparer.Ordinal));
                    return (i == segments.Count - 1 ? $"is not a known field (allowed: {allowed})" : CannotBeRead, i == segments.Count - 1);
                }
                info = info.Options.GetTypeInfo(property.PropertyType);
            }
            else if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
            {
                info = info.Options.GetTypeInfo(info.ElementType!);
            }
            else
            {
                return (CannotBeRead, false);
            }
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary when value is not JsonObject => ("must be an object", false),
            JsonTypeInfoKind.Enumerable when value is not JsonArray => ("must be an array", false),
            _ when info.Type == typeof(JsonObject) && value is not JsonObject => ("must be an object", false),
            _ when info.Type == typeof(string) => ("must be a string", false),
            _ => (CannotBeRead, false),
        };
    }

    /// <summary>
    /// Where a path stands in the DTO's contract, for listing problems in the order the fields are declared (which
    /// is the order the documented format lists them) rather than the order a file happens to write them: at each
    /// level the field's declaration index, an array element's index, unknown fields last.
    /// </summary>
    public static IReadOnlyList<int> Rank(JsonTypeInfo root, IReadOnlyList<Segment> segments)
    {
        var rank = new List<int>();
        JsonTypeInfo? info = root;
        foreach (var segment in segments)
        {
            if (info?.Kind == JsonTypeInfoKind.Object && segment.Name is { } name)
            {
                var index = info.Properties.Select(p => p.Name).ToList().IndexOf(name);
                rank.Add(index < 0 ? int.MaxValue : index);
                info = index < 0 ? null : info.Options.GetTypeInfo(info.Properties[index].PropertyType);
            }
            else
            {
                rank.Add(segment.Name is null ? segment.Index : 0);
                info = info?.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary ? info.Options.GetTypeInfo(info.ElementType!) : null;
            }
        }
        return rank;
    }

    /// <summary>Orders ranks field by field; a path before the paths below it.</summary>
    public static int CompareRanks(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        }
        return a.Count.CompareTo(b.Count);
    }

    /// <summary>One step of a JSON path: a field name or an array index.</summary>
    public readonly record struct Segment(string? Name, int Index);

    // System.Text.Json quotes a name with special characters as ['…'] without escaping a quote inside it, so a quoted
    // name runs to the first '] that a next step or the end follows.
    [GeneratedRegex(@"\G(?:\.(?<name>[^.\[]+)|\['(?<quoted>.*?)'\](?=\.|\[|$)|\[(?<index>\d+)\])")]
    private static partial Regex PathStep();

    /// <summary>The steps of a path as System.Text.Json writes it (<c>$.providers[1]['a.b'].uplink</c>).</summary>
    public static IReadOnlyList<Segment> Segments(string path)
    {
        var segments = new List<Segment>();
        var at = path.StartsWith('$') ? 1 : 0;
        for (var m = PathStep().Match(path, at); m.Success && at < path.Length; m = PathStep().Match(path, at))
        {
            if (m.Groups["index"].Success) segments.Add(new Segment(null, int.Parse(m.Groups["index"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture)));
            else if (m.Groups["quoted"].Success) segments.Add(new Segment(m.Groups["quoted"].Value, 0));
            else segments.Add(new Segment(m.Groups["name"].Value, 0));
            at = m.Index + m.Length;
        }
        return segments;
    }

    /// <summary>A path as messages show it: <c>providers[1].peers.p3.uplink</c>, each name cut to an excerpt, a blank one quoted.</summary>
    public static string Display(IReadOnlyList<Segment> segments, string documentName)
    {
        if (segments.Count == 0) return documentName;
        var text = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            // a blank name would leave a path that reads as nothing: it is shown quoted
            if (segment.Name is { } name) text.Append(text.Length == 0 ? "" : ".").Append(name.Trim().Length == 0 ? $"\"{Excerpt.Of(name)}\"" : Excerpt.Of(name));
            else text.Append('[').Append(segment.Index).Append(']');
        }
        return text.ToString();
    }

    /// <summary>A short one-line rendering of a JSON value for an error message.</summary>
    public static string Show(JsonNode? value)
    {
        var text = value switch
        {
            null => "null",
            JsonObject => "an object",
            JsonArray => "an array",
            _ => Written(value),
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Written(JsonNode value)
    {
        try
        {
            return value.ToJsonString(Relaxed);
        }
        catch (InvalidOperationException)
        {
            return "a string with an unpaired UTF-16 surrogate escape";
        }
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonNode? ValueAt(JsonNode tree, IReadOnlyList<Segment> segments)
    {
        try
        {
            JsonNode? node = tree;
            foreach (var segment in segments)
            {
                node = (node, segment.Name) switch
                {
                    (JsonObject o, { } name) => o.TryGetPropertyValue(name, out var child) ? child : null,
                    (JsonArray a, null) when segment.Index < a.Count => a[segment.Index],
                    _ => null,
                };
            }
            return node;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null; // a tree with duplicate field names cannot be walked: the value stays unnamed
        }
    }

    /// <summary>Takes the refused value out of the tree; false when that cannot make progress (the root, or a value already null).</summary>
    private static bool TakeOut(JsonNode tree, IReadOnlyList<Segment> segments, bool unknown)
    {
        if (segments.Count == 0) return false;
        try
        {
            var parent = ValueAt(tree, segments.Take(segments.Count - 1).ToArray());
            var last = segments[^1];
            switch (parent, last.Name)
            {
                case (JsonObject o, { } name) when o.ContainsKey(name):
                    if (unknown) return o.Remove(name);
                    if (o[name] is null) return false;
                    o[name] = null;
                    return true;
                case (JsonArray a, null) when last.Index < a.Count && a[last.Index] is not null:
                    a[last.Index] = null;
                    return true;
                default:
                    return false;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
