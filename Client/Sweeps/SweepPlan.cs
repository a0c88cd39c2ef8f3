using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Client.Experiments;

namespace Auction.Client.Sweeps;

/// <summary>One experiment of a sweep: its cell (axis → value or label), its seed, and the experiment config it runs.</summary>
public sealed record SweepExperiment(string CellJson, string CellLabel, int Seed, ExperimentConfig Config, string ConfigJson);

/// <summary>
/// A sweep: a grid of seeds × axes over an experiment in the product's JSON format, each point an ordinary
/// experiment. An axis either sets one field (<c>{"field": "topology.faulty", "values": [0, 1, 2]}</c>) or several at
/// once under a label (<c>{"name": "variant", "values": [{"label": "median", "set": {"parameters.aggregator": "median"}}]}</c>).
/// </summary>
public sealed record SweepPlan(string Name, string Mode, string ConfigJson, IReadOnlyList<SweepExperiment> Experiments, IReadOnlyList<string> AxisNames)
{
    public const string Simulated = "simulated";
    public const string Cluster = "cluster";

    /// <summary>Reads a sweep file; every problem goes to <paramref name="issues"/> (nothing runs when there is one).</summary>
    public static SweepPlan? Read(string file, ConfigIssues issues)
    {
        // The CLI's one reader: the file-size limit and strict UTF-8, as for experiment configs.
        var text = Cli.Utf8Input.Read(file, "--config", out var error);
        if (text is null)
        {
            issues.Error("--config", error!["--config ".Length..]);
            return null;
        }
        return Parse(text, issues);
    }

    public static SweepPlan? Parse(string json, ConfigIssues issues)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject;
        }
        catch (JsonException e)
        {
            issues.Error("the sweep config", $"is not valid JSON: {e.Message}");
            return null;
        }
        if (root is null)
        {
            issues.Error("the sweep config", "must be a JSON object {\"name\", \"seeds\", \"axes\", \"experiment\"}.");
            return null;
        }

        foreach (var (key, _) in root)
            if (key is not ("name" or "mode" or "seeds" or "axes" or "experiment"))
                issues.Error(key, "is not a sweep field (name, mode, seeds, axes, experiment).");
        string name = root["name"] is JsonValue n && n.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s : "";
        if (name.Length == 0) issues.Error("name", $"must be a non-empty string, got {Show(root["name"])}.");
        string mode = root["mode"] is null ? Simulated : root["mode"] is JsonValue m && m.TryGetValue(out string? ms) ? ms : "";
        if (mode is not (Simulated or Cluster)) issues.Error("mode", $"must be '{Simulated}' or '{Cluster}', got {Show(root["mode"])}.");
        var seeds = Seeds(root["seeds"], issues);
        var experiment = root["experiment"] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            var other => Fail<JsonObject>(issues, "experiment", $"must be an object in the product's experiment format, got {Show(other)}."),
        };
        if (experiment?.ContainsKey("seed") == true) issues.Error("experiment.seed", "is set by the sweep's seeds; leave it out.");
        var axes = Axes(root["axes"], mode, issues);
        if (issues.HasErrors || experiment is null || axes is null) return null;
        long size = axes.Aggregate((long)seeds!.Count, (n, axis) => n * axis.Points.Count);
        if (size > Cli.InputLimits.MaxSweepExperiments)
        {
            issues.Error("the sweep", $"has {size} experiments (seeds × every axis); at most {Cli.InputLimits.MaxSweepExperiments} are allowed.");
            return null;
        }

        var experiments = new List<SweepExperiment>();
        foreach (var cell in Cartesian(axes))
        {
            var cellObject = new JsonObject();
            var label = new List<string>();
            foreach (var (axis, point) in cell)
            {
                cellObject[axis.Name] = point.Value.DeepClone();
                label.Add($"{axis.Name}={Label(point.Value)}");
            }
            string cellJson = Canonical(cellObject);
            foreach (int seed in seeds!)
            {
                var config = (JsonObject)experiment.DeepClone();
                foreach (var (_, point) in cell)
                    foreach (var (path, value) in point.Set)
                        SetPath(config, path, value.DeepClone());
                config["seed"] = seed;
                if (!config.ContainsKey("name")) config["name"] = $"{name} {string.Join(' ', label)} seed {seed}";
                var cellIssues = new ConfigIssues();
                var parsed = ExperimentConfigReader.Parse(config.ToJsonString(), cellIssues);
                ExperimentConfigValidator.Validate(parsed, cellIssues);
                foreach (var error in cellIssues.Errors.Take(3))
                    issues.Error($"cell {string.Join(' ', label)}", $"gives a bad experiment: {error.Message}");
                if (cellIssues.HasErrors) return null;
                experiments.Add(new SweepExperiment(cellJson, string.Join(' ', label), seed, parsed, config.ToJsonString()));
            }
        }
        return new SweepPlan(name, mode, Canonical(root), experiments, axes.Select(a => a.Name).ToArray());
    }

    private sealed record AxisPoint(JsonNode Value, IReadOnlyList<(string Path, JsonNode Value)> Set);

    private sealed record Axis(string Name, IReadOnlyList<AxisPoint> Points);

    private static List<int>? Seeds(JsonNode? node, ConfigIssues issues)
    {
        switch (node)
        {
            case JsonArray array when array.All(x => x is JsonValue v && v.TryGetValue(out int _)) && array.Count > 0:
                return array.Select(x => x!.GetValue<int>()).Distinct().ToList();
            case JsonObject range when range["from"] is JsonValue f && f.TryGetValue(out int from) && range["to"] is JsonValue t && t.TryGetValue(out int to) && to >= from:
                if ((long)to - from + 1 > Cli.InputLimits.MaxSweepExperiments)
                {
                    issues.Error("seeds", $"spans {(long)to - from + 1} seeds; at most {Cli.InputLimits.MaxSweepExperiments} are allowed.");
                    return null;
                }
                return Enumerable.Range(from, to - from + 1).ToList();
            default:
                issues.Error("seeds", $"must be a non-empty array of whole numbers or {{\"from\": A, \"to\": B}} with B ≥ A, got {Show(node)}.");
                return null;
        }
    }

    private static List<Axis>? Axes(JsonNode? node, string mode, ConfigIssues issues)
    {
        if (node is null) return [];
        if (node is not JsonArray array)
        {
            issues.Error("axes", $"must be an array of {{\"field\", \"values\"}} or {{\"name\", \"values\"}} objects, got {Show(node)}.");
            return null;
        }
        var axes = new List<Axis>();
        for (int i = 0; i < array.Count; i++)
        {
            string path = $"axes[{i}]";
            if (array[i] is not JsonObject axis || axis["values"] is not JsonArray values || values.Count == 0)
            {
                issues.Error(path, $"must be an object with a non-empty \"values\" array, got {Show(array[i])}.");
                continue;
            }
            string? field = axis["field"] is JsonValue fv && fv.TryGetValue(out string? f) ? f : null;
            string? name = axis["name"] is JsonValue nv && nv.TryGetValue(out string? n) ? n : field;
            if (name is null)
            {
                issues.Error(path, "needs a \"field\" (the experiment field it sets) or a \"name\" (when its values set several fields).");
                continue;
            }
            if (mode == Cluster && field?.StartsWith("topology.", StringComparison.Ordinal) == true)
                issues.Error($"{path}.field", $"cannot vary the topology in the cluster mode (the silos decide it), got '{field}'.");
            var points = new List<AxisPoint>();
            for (int j = 0; j < values.Count; j++)
            {
                var value = values[j];
                if (value is JsonObject labelled)
                {
                    if (labelled["label"] is not JsonValue lv || !lv.TryGetValue(out string? _) || labelled["set"] is not JsonObject set)
                    {
                        issues.Error($"{path}.values[{j}]", $"must be a value or {{\"label\": \"…\", \"set\": {{\"field\": value, …}}}}, got {Show(value)}.");
                        continue;
                    }
                    points.Add(new AxisPoint(lv.DeepClone(), set.Select(kv => (kv.Key, kv.Value ?? JsonValue.Create((string?)null)!)).ToArray()));
                }
                else if (field is not null && value is not null)
                {
                    points.Add(new AxisPoint(value.DeepClone(), [(field, value)]));
                }
                else
                {
                    issues.Error($"{path}.values[{j}]", $"must be {{\"label\", \"set\"}} when the axis has no \"field\", got {Show(value)}.");
                }
            }
            if (axes.Any(a => a.Name == name)) issues.Error($"{path}.name", $"repeats the axis '{name}'.");
            axes.Add(new Axis(name, points));
        }
        return issues.HasErrors ? null : axes;
    }

    private static IEnumerable<List<(Axis Axis, AxisPoint Point)>> Cartesian(IReadOnlyList<Axis> axes)
    {
        IEnumerable<List<(Axis, AxisPoint)>> cells = [[]];
        foreach (var axis in axes)
            cells = cells.SelectMany(cell => axis.Points.Select(p => new List<(Axis, AxisPoint)>(cell) { (axis, p) })).ToArray();
        return cells;
    }

    /// <summary>Sets a dotted path (<c>parameters.tau</c>) in a JSON object, creating the objects on the way.</summary>
    internal static void SetPath(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject next)
            {
                next = new JsonObject();
                current[part] = next;
            }
            current = next;
        }
        current[parts[^1]] = value;
    }

    /// <summary>JSON with object keys in ordinal order at every level, so equal cells compare equal as text.</summary>
    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(Readable) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static T? Fail<T>(ConfigIssues issues, string path, string sentence) where T : class
    {
        issues.Error(path, sentence);
        return null;
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An axis value as a cell label shows it: strings without quotes.</summary>
    private static string Label(JsonNode value) =>
        value is JsonValue v && v.TryGetValue(out string? text) ? text : value.ToJsonString(Readable);

    private static string Show(JsonNode? node)
    {
        string text = node?.ToJsonString(Readable) ?? "nothing";
        return text.Length > 60 ? text[..57] + "…" : text;
    }
}
