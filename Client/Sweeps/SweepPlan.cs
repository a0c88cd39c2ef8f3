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
        return Parse(text, issues, ExperimentConfigReader.DirectoryOf(file));
    }

    // As for experiment configs: comments and trailing commas allowed, a field written twice refused.
    private static readonly JsonDocumentOptions TreeOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    /// <param name="baseDirectory">where a world file the experiment names is found (the sweep file's folder); null: the current folder.</param>
    public static SweepPlan? Parse(string json, ConfigIssues issues, string? baseDirectory = null)
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
            return Plan(tree, issues, baseDirectory ?? "");
        }
        catch (InvalidOperationException)
        {
            // strings are decoded when written or compared: an escaped lone surrogate ("\ud800") in a value fails there
            issues.Error("the sweep config", "holds a string with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
            return null;
        }
    }

    private static SweepPlan? Plan(JsonNode? tree, ConfigIssues issues, string baseDirectory)
    {
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
        // A world file is read into the experiment, so that each cell can set its fields by path and the world is
        // read after that, by the same strict reader; its traces stay relative to its own folder.
        var world = InlineWorld(experiment, baseDirectory, issues);
        var configJson = Identity(tree, experiment);
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
                        if (SweepFieldPath.Set(config, path, value?.DeepClone()) is { } refused)
                            issues.Error($"cell {Cli.Excerpt.Of(string.Join(' ', label))}", $"cannot set {Cli.Excerpt.Of(path)}: it {refused}");
                if (issues.HasErrors) return null;
                config["seed"] = seed;
                if (!config.ContainsKey("name")) config["name"] = $"{name} {string.Join(' ', label)} seed {seed}";
                var cellIssues = new ConfigIssues();
                var parsed = ExperimentConfigReader.Parse(config.ToJsonString(), cellIssues, world.BaseDirectory, world.Origin);
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

    /// <summary>Where the experiment's world is read from: the folder its traces are relative to, and the file it came from (null: written inline).</summary>
    private sealed record WorldOrigin(string BaseDirectory, string? Origin);

    /// <summary>Replaces the experiment's <c>world</c>, when it names a file, by the file's JSON; problems reading it go to <paramref name="issues"/>.</summary>
    private static WorldOrigin InlineWorld(JsonObject experiment, string baseDirectory, ConfigIssues issues)
    {
        if (experiment["world"] is not JsonValue value || !value.TryGetValue(out string? file) || file.Trim().Length == 0)
            return new WorldOrigin(baseDirectory, null);
        var path = Path.Combine(baseDirectory, file);
        var origin = new WorldOrigin(ExperimentConfigReader.DirectoryOf(path), Cli.Excerpt.Of(path));
        var text = Grains.Text.InputFile.ReadText(path, Grains.Worlds.WorldLimits.MaxFileBytes, $"experiment.world '{Cli.Excerpt.Of(path)}'", out var error);
        if (text is null)
        {
            issues.Error(new ConfigIssue("experiment.world", error!));
            return origin;
        }
        var tree = StrictJson.ParseTree(text, TreeOptions, out var syntaxError);
        if (syntaxError is not null || tree is not JsonObject world)
        {
            issues.Error(new ConfigIssue("experiment.world", $"{origin.Origin}: the world {(syntaxError is null ? "must be a JSON object" : $"is not valid JSON: {syntaxError}")}"));
            return origin;
        }
        experiment["world"] = world;
        return origin;
    }

    /// <summary>The sweep as stored to recognise a rerun: its file with the world file it names read in, so that a changed world is another sweep.</summary>
    private static string Identity(JsonNode? tree, JsonObject experiment)
    {
        if (tree is not JsonObject root) return "";
        var identity = (JsonObject)root.DeepClone();
        if (identity["experiment"] is JsonObject && experiment["world"] is JsonObject world) identity["experiment"]!["world"] = world.DeepClone();
        return Canonical(identity);
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
