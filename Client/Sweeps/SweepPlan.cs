using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Client.Experiments;
using Auction.Grains.Json;

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

    // As for experiment configs: comments and trailing commas allowed, a field written twice refused.
    private static readonly JsonDocumentOptions TreeOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    public static SweepPlan? Parse(string json, ConfigIssues issues)
    {
        JsonNode? tree;
        try
        {
            tree = StrictJson.ParseTree(json, TreeOptions, out var syntaxError);
            if (syntaxError is not null)
            {
                issues.Error("the sweep config", $"is not valid JSON: {syntaxError}");
                return null;
            }
        }
        catch (InvalidOperationException)
        {
            issues.Error("the sweep config", "holds a field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
            return null;
        }

        try
        {
            return Plan(tree, issues);
        }
        catch (InvalidOperationException)
        {
            // strings are decoded when written or compared: an escaped lone surrogate ("\ud800") in a value fails there
            issues.Error("the sweep config", "holds a string with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
            return null;
        }
    }

    private static SweepPlan? Plan(JsonNode? tree, ConfigIssues issues)
    {
        var configJson = tree is JsonObject ? Canonical(tree) : "";

        var problems = new List<JsonProblem>();
        var spec = StrictJson.Deserialize(tree, SweepJsonContext.Default.SweepSpecJson, "the sweep config", problems);
        foreach (var problem in problems) issues.Error(problem.Path, problem.Sentence);
        if (spec is null) return null;

        string name = string.IsNullOrWhiteSpace(spec.Name) ? "" : spec.Name;
        if (name.Length == 0 && !problems.Any(p => p.Path == "name")) issues.Error("name", $"must be a non-empty string, got {Quoted(spec.Name)}.");
        string mode = spec.Mode ?? Simulated;
        if (mode is not (Simulated or Cluster)) issues.Error("mode", $"must be '{Simulated}' or '{Cluster}', got {Quoted(mode)}.");
        var seeds = Seeds(spec.Seeds, problems.Any(p => p.Path == "seeds"), issues);
        var experiment = spec.Experiment ?? new JsonObject();
        if (experiment.ContainsKey("seed")) issues.Error("experiment.seed", "is set by the sweep's seeds; leave it out.");
        var axes = Axes(spec.Axes, mode, issues);
        if (issues.HasErrors || axes is null) return null;
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
                        SetPath(config, path, value?.DeepClone());
                config["seed"] = seed;
                if (!config.ContainsKey("name")) config["name"] = $"{name} {string.Join(' ', label)} seed {seed}";
                var cellIssues = new ConfigIssues();
                var parsed = ExperimentConfigReader.Parse(config.ToJsonString(), cellIssues);
                ExperimentConfigValidator.Validate(parsed, cellIssues);
                foreach (var error in cellIssues.Errors.Take(3))
                    issues.Error($"cell {Cli.Excerpt.Of(string.Join(' ', label))}", $"gives a bad experiment: {error.Message}");
                if (cellIssues.HasErrors) return null;
                experiments.Add(new SweepExperiment(cellJson, string.Join(' ', label), seed, parsed, config.ToJsonString()));
            }
        }
        return new SweepPlan(name, mode, configJson, experiments, axes.Select(a => a.Name).ToArray());
    }

    private sealed record AxisPoint(JsonNode Value, IReadOnlyList<(string Path, JsonNode Value)> Set);

    private sealed record Axis(string Name, IReadOnlyList<AxisPoint> Points);

    private static List<int>? Seeds(SweepSeedsJson? seeds, bool named, ConfigIssues issues)
    {
        switch (seeds)
        {
            case { List: { Count: > 0 } list }:
                return list.Distinct().ToList();
            case { From: { } from, To: { } to } when to >= from:
                if ((long)to - from + 1 > Cli.InputLimits.MaxSweepExperiments)
                {
                    issues.Error("seeds", $"spans {(long)to - from + 1} seeds; at most {Cli.InputLimits.MaxSweepExperiments} are allowed.");
                    return null;
                }
                return Enumerable.Range(from, to - from + 1).ToList();
            default:
                // a value of the wrong shape was named already
                if (!named) issues.Error("seeds", $"{SweepSeedsConverter.Sentence}, got {Describe(seeds)}.");
                return null;
        }
    }

    private static List<Axis>? Axes(IReadOnlyList<SweepAxisJson?>? axesJson, string mode, ConfigIssues issues)
    {
        if (axesJson is null) return [];
        var axes = new List<Axis>();
        for (int i = 0; i < axesJson.Count; i++)
        {
            string path = $"axes[{i}]";
            if (axesJson[i] is not { Values: { Count: > 0 } values } axis)
            {
                issues.Error(path, "must be an object with a non-empty \"values\" array.");
                continue;
            }
            string? field = axis.Field;
            string? name = axis.Name ?? field;
            if (name is null)
            {
                issues.Error(path, "needs a \"field\" (the experiment field it sets) or a \"name\" (when its values set several fields).");
                continue;
            }
            if (mode == Cluster && field?.StartsWith("topology.", StringComparison.Ordinal) == true)
                issues.Error($"{path}.field", $"cannot vary the topology in the cluster mode (the silos decide it), got '{Cli.Excerpt.Of(field)}'.");
            var points = new List<AxisPoint>();
            for (int j = 0; j < values.Count; j++)
            {
                switch (values[j])
                {
                    case { Point: { } labelled }:
                        if (labelled is not { Label: { } text, Set: { } set })
                        {
                            issues.Error($"{path}.values[{j}]", "must be a value or {\"label\": \"…\", \"set\": {\"field\": value, …}}, got an object without both.");
                            continue;
                        }
                        points.Add(new AxisPoint(JsonValue.Create(text), set.Select(kv => (kv.Key, kv.Value ?? JsonValue.Create((string?)null)!)).ToArray()));
                        break;
                    case { Value: { } value } when field is not null:
                        points.Add(new AxisPoint(value, [(field, value)]));
                        break;
                    case var other:
                        issues.Error($"{path}.values[{j}]", $"must be {{\"label\", \"set\"}} when the axis has no \"field\", got {(other?.Value is { } v ? StrictJson.Show(v) : "nothing")}.");
                        break;
                }
            }
            if (axes.Any(a => a.Name == name)) issues.Error($"{path}.name", $"repeats the axis '{Cli.Excerpt.Of(name)}'.");
            axes.Add(new Axis(name, points));
        }
        return issues.HasErrors ? null : axes;
    }

    private static string Quoted(string? text) => text is null ? "nothing" : $"'{Cli.Excerpt.Of(text)}'";

    private static string Describe(SweepSeedsJson? seeds) => seeds switch
    {
        null => "nothing",
        { List: { } list } => $"{list.Count} seeds",
        _ => $"from {seeds.From?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"} to {seeds.To?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}",
    };

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

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An axis value as a cell label shows it: strings without quotes.</summary>
    private static string Label(JsonNode value) =>
        value is JsonValue v && v.TryGetValue(out string? text) ? text : value.ToJsonString(Readable);
}
