using System.Text.Json;
using Auction.Grains.Json;
using Auction.Grains.Text;

namespace Auction.Grains.Worlds;

/// <summary>
/// Reads a world file (docs/worlds.md): strict JSON in snake_case, unknown fields refused, every problem found at
/// once and named with its field path, the traces loaded relative to the file. The problems come in the order the
/// format lists the fields.
/// </summary>
public static class WorldReader
{
    /// <summary>How messages name the document as a whole.</summary>
    public const string DocumentName = "the world";

    /// <summary>Problems listed one by one; beyond them, their count.</summary>
    public const int MaxProblems = 100;

    // A field written twice is refused: the second would silently win.
    private static readonly JsonDocumentOptions TreeOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    /// <summary>The world in <paramref name="file"/>; its traces are found relative to the file's folder.</summary>
    public static WorldReading Read(string file) => Read(file, out _, out _);

    /// <summary>
    /// <see cref="Read(string)"/>, with the file's text (null when it could not be read) and the texts of the traces
    /// read without a problem, by the path the file writes.
    /// </summary>
    internal static WorldReading Read(string file, out string? text, out IReadOnlyDictionary<string, string> traceTexts)
    {
        var source = Excerpt.Of(file);
        traceTexts = new Dictionary<string, string>();
        text = InputFile.ReadText(file, WorldLimits.MaxFileBytes, DocumentName, out var error);
        if (text is null) return new WorldReading(source, null, [new JsonProblem(DocumentName, error![(DocumentName.Length + 1)..])]);
        string directory;
        try
        {
            directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            directory = Directory.GetCurrentDirectory();
        }
        return Parse(text, source, directory, out traceTexts);
    }

    /// <summary>The world written in <paramref name="json"/>; <paramref name="source"/> names it in messages, and its traces are found relative to <paramref name="baseDirectory"/>.</summary>
    public static WorldReading Parse(string json, string source, string baseDirectory) => Parse(json, source, baseDirectory, out _);

    /// <summary><see cref="Parse(string, string, string)"/>, with the texts of the traces read without a problem, by the path the world writes.</summary>
    internal static WorldReading Parse(string json, string source, string baseDirectory, out IReadOnlyDictionary<string, string> traceTexts)
    {
        var traces = TraceFiles.FromDirectory(Path.GetFullPath(baseDirectory));
        traceTexts = traces.Texts;
        return Parse(json, source, traces);
    }

    /// <summary>
    /// The world written in <paramref name="json"/>, its traces taken from <paramref name="traces"/> (the path as the
    /// world writes it → the trace's CSV text) instead of the disk: how a silo reads a <see cref="Interfaces.Models.WorldSource"/>.
    /// </summary>
    public static WorldReading Parse(string json, string source, IReadOnlyDictionary<string, string> traces) =>
        Parse(json, source, TraceFiles.FromTexts(traces));

    private static WorldReading Parse(string json, string source, TraceFiles traces)
    {
        var found = new List<JsonProblem>();
        var world = Build(json, traces, found);
        var info = WorldJsonContext.Default.WorldJson;
        var ordered = found
            .OrderBy(p => StrictJson.Rank(info, StrictJson.Segments(p.Path == DocumentName ? "$" : "$." + p.Path)), Comparer<IReadOnlyList<int>>.Create(StrictJson.CompareRanks))
            .ToList();
        if (ordered.Count > MaxProblems)
        {
            var more = ordered.Count - MaxProblems;
            ordered = [.. ordered.Take(MaxProblems), new JsonProblem(DocumentName, $"has {more} more problems, not listed.")];
        }
        return new WorldReading(source, ordered.Count == 0 ? world : null, ordered);
    }

    private static World? Build(string json, TraceFiles traces, List<JsonProblem> found)
    {
        WorldJson? read;
        try
        {
            var tree = StrictJson.ParseTree(json, TreeOptions, out var syntaxError);
            if (syntaxError is not null)
            {
                found.Add(new JsonProblem(DocumentName, $"is not valid JSON: {syntaxError}"));
                return null;
            }
            read = StrictJson.Deserialize(tree, WorldJsonContext.Default.WorldJson, DocumentName, found);
        }
        catch (InvalidOperationException)
        {
            // field names are decoded when compared: an escaped lone surrogate ("\ud800") fails there
            found.Add(new JsonProblem(DocumentName, "holds a string or field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)."));
            return null;
        }
        return read is null ? null : new WorldBuilder(new WorldProblems(found), traces).Build(read);
    }
}
