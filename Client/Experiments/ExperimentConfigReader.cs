using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Json;

namespace Auction.Client.Experiments;

/// <summary>
/// Reads an experiment config in either format: the flat reference trigger config (recognised by its field
/// names: <c>buy_event_*</c>, <c>uplink_mean</c>, <c>provider_list</c>, …) into <see cref="ReferenceConfigJson"/>, or
/// the product's nested JSON into <see cref="ProductConfigJson"/>. Every field is optional (defaults: the reference
/// distributions); unknown fields are errors. Problems go to <see cref="ConfigIssues"/>, all of them, the auction
/// parameters' checked here by their own rules; the returned config keeps defaults where a field could not be read.
/// </summary>
public static partial class ExperimentConfigReader
{
    // A field written twice is refused (the scorer does the same): the second would silently win.
    private static readonly JsonDocumentOptions TreeOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    public static ExperimentConfig ReadFile(string file, ConfigIssues issues)
    {
        if (Cli.Utf8Input.Read(file, "--config", out var error) is not { } text)
        {
            issues.Error("--config", error!["--config ".Length..]);
            return new ExperimentConfig();
        }

        return Parse(text, issues, DirectoryOf(file));
    }

    /// <param name="baseDirectory">where a world file the config names (and an inline world's traces) is found; null: the current folder.</param>
    /// <param name="worldOrigin">the file an inline world was read from (a sweep's), to name in its problems.</param>
    public static ExperimentConfig Parse(string json, ConfigIssues issues, string? baseDirectory = null, string? worldOrigin = null)
    {
        JsonNode? tree;
        bool reference;
        try
        {
            tree = StrictJson.ParseTree(json, TreeOptions, out var syntaxError);
            if (syntaxError is not null)
            {
                issues.Error("the config", $"is not valid JSON: {syntaxError}");
                return new ExperimentConfig();
            }
            reference = tree is JsonObject root && root.Any(field => IsReferenceField(field.Key));
        }
        catch (InvalidOperationException)
        {
            // field names are decoded when compared: an escaped lone surrogate ("\ud800") fails there
            issues.Error("the config", "holds a string or field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
            return new ExperimentConfig();
        }

        var problems = new List<JsonProblem>();
        var mapped = new ConfigIssues();
        JsonTypeInfo info = reference ? ExperimentConfigJsonContext.Default.ReferenceConfigJson : ExperimentConfigJsonContext.Default.ProductConfigJson;
        var config = reference
            ? FromReference(StrictJson.Deserialize(tree, ExperimentConfigJsonContext.Default.ReferenceConfigJson, "the config", problems), problems, mapped)
            : FromProduct(StrictJson.Deserialize(tree, ExperimentConfigJsonContext.Default.ProductConfigJson, "the config", problems), mapped,
                new WorldLocation(baseDirectory ?? "", worldOrigin));

        // the serializer's problems and the checks of the values it read, in the order the format lists the fields
        var all = problems.Select(p => new ConfigIssue(p.Path, p.Message))
            .Concat(mapped.Errors)
            .OrderBy(e => StrictJson.Rank(info, StrictJson.Segments(e.Path.StartsWith("the ", StringComparison.Ordinal) ? "$" : "$." + e.Path)),
                Comparer<IReadOnlyList<int>>.Create(StrictJson.CompareRanks));
        foreach (var error in all) issues.Error(error);
        return config;
    }

    [GeneratedRegex("^(buy_event_.*|provider_list|consumer_address|(uplink|downlink|price|mu|delta|epsilon|flow_size)_(mean|std_dev|lowest|highest))$")]
    private static partial Regex ReferenceField();

    private static bool IsReferenceField(string name) => ReferenceField().IsMatch(name);

    private static ExperimentConfig FromReference(ReferenceConfigJson? json, List<JsonProblem> problems, ConfigIssues issues)
    {
        var config = new ExperimentConfig { Format = ConfigFormat.Reference };
        if (json is null) return config;
        var notes = new List<string>();
        if (json.Name is { } name) config = config with { Name = name };
        if (json.Strategy is { } strategy && StrategyList.Parse(strategy, "strategy", issues) is { } strategies)
            config = config with { Strategies = strategies };
        if (json.Seed is { } seed) config = config with { Seed = seed };
        if (json.ConsumerAddress is { ValueKind: not JsonValueKind.Null })
            notes.Add("consumer_address is ignored: requests go to consumer grains (consumer-0 …), not to an address.");
        if (json.BuyEventCount is { } count) config = config with { Count = count };

        var r = TriggerProfile.Reference;
        config = config with
        {
            Profile = new TriggerProfile(
                new DistributionJson(json.BuyEventIntervalMean, json.BuyEventIntervalStdDev, json.BuyEventIntervalLowest, json.BuyEventIntervalHighest).Or(r.IntervalSeconds),
                new DistributionJson(json.UplinkMean, json.UplinkStdDev, json.UplinkLowest, json.UplinkHighest).Or(r.Uplink),
                new DistributionJson(json.DownlinkMean, json.DownlinkStdDev, json.DownlinkLowest, json.DownlinkHighest).Or(r.Downlink),
                new DistributionJson(json.PriceMean, json.PriceStdDev, json.PriceLowest, json.PriceHighest).Or(r.Price),
                new DistributionJson(json.MuMean, json.MuStdDev, json.MuLowest, json.MuHighest).Or(r.Mu),
                new DistributionJson(json.DeltaMean, json.DeltaStdDev, json.DeltaLowest, json.DeltaHighest).Or(r.Delta),
                new DistributionJson(json.EpsilonMean, json.EpsilonStdDev, json.EpsilonLowest, json.EpsilonHighest).Or(r.Epsilon),
                new DistributionJson(json.FlowSizeMean, json.FlowSizeStdDev, json.FlowSizeLowest, json.FlowSizeHighest).Or(r.FlowSize)),
        };

        if (json.ProviderList is { } list)
        {
            var ids = new List<string>();
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"provider_list[{i}].provider_id";
                if (list[i]?.ProviderId is { } id) ids.Add(id);
                // a value of the wrong type was named already; only a field left out is "missing"
                else if (list[i] is not null && !problems.Any(p => p.Path == path)) issues.Error(path, "is required but missing.");
            }

            config = config with { Providers = ids };
            if (list.Count > 0) notes.Add("provider_list[].address is ignored: providers are reached through the cluster by id.");
        }

        return config with { Notes = notes };
    }

    /// <summary>Where a config's world is found and how its problems name it.</summary>
    private sealed record WorldLocation(string BaseDirectory, string? Origin);

    /// <summary>The folder of a config file as it was named (relative stays relative, so messages show paths as the user wrote them).</summary>
    internal static string DirectoryOf(string file)
    {
        try
        {
            return Path.GetDirectoryName(file) ?? "";
        }
        catch (ArgumentException)
        {
            return "";
        }
    }

    private static ExperimentConfig FromProduct(ProductConfigJson? json, ConfigIssues issues, WorldLocation location)
    {
        var config = new ExperimentConfig { Format = ConfigFormat.Product };
        if (json is null) return config;
        if (json.Name is { } name) config = config with { Name = name };
        if (json.Strategy is { } strategy && StrategyList.Parse(strategy, "strategy", issues) is { } strategies)
            config = config with { Strategies = strategies };
        if (json.Seed is { } seed) config = config with { Seed = seed };
        if (json.Requests?.Count is { } count) config = config with { Count = count };

        var r = TriggerProfile.Reference;
        var qos = json.Qos;
        config = config with
        {
            Profile = new TriggerProfile(
                json.Requests?.IntervalS?.Or(r.IntervalSeconds) ?? r.IntervalSeconds,
                qos?.Uplink?.Or(r.Uplink) ?? r.Uplink,
                qos?.Downlink?.Or(r.Downlink) ?? r.Downlink,
                qos?.Price?.Or(r.Price) ?? r.Price,
                qos?.Mu?.Or(r.Mu) ?? r.Mu,
                qos?.Delta?.Or(r.Delta) ?? r.Delta,
                qos?.Epsilon?.Or(r.Epsilon) ?? r.Epsilon,
                qos?.FlowSize?.Or(r.FlowSize) ?? r.FlowSize),
            Providers = json.Providers,
        };

        if (json.Consumers is { } consumers) config = config with { Consumers = consumers };
        if (json.Concurrency is { } concurrency) config = config with { Concurrency = concurrency };
        if (json.TimeScale is { } timeScale) config = config with { TimeScale = timeScale };
        if (json.Parameters is { } parameters)
        {
            foreach (var problem in parameters.Validate(ParameterPaths.Json("parameters."))) issues.Error(problem.Path, problem.Sentence);
            config = config with { Parameters = parameters.ApplyTo(AuctionParameters.Default) };
        }

        if (json.Topology is { } topology)
        {
            var adversary = TopologyAdversaryReader.Read(topology, issues);
            config = config with { Topology = new SimulatedTopology { Providers = topology.Providers, Faulty = topology.Faulty, Adversary = adversary } };
        }

        if (json.World is { } world)
        {
            if (json.Topology is not null)
                issues.Error(ExperimentWorldReader.Field, "cannot be given together with topology: the world says which providers exist (its \"reference\": {…} is the reference topology), got both.");
            config = config with { World = ReadWorld(world, location, issues) };
        }

        return config;
    }

    private static ExperimentWorld? ReadWorld(JsonNode world, WorldLocation location, ConfigIssues issues)
    {
        switch (world)
        {
            case JsonObject inline:
                return ExperimentWorldReader.ReadInline(inline, location.BaseDirectory.Length == 0 ? "." : location.BaseDirectory, location.Origin, issues);
            case JsonValue value when value.TryGetValue(out string? file) && file.Trim().Length > 0:
                return ExperimentWorldReader.ReadFile(Path.Combine(location.BaseDirectory, file), ExperimentWorldReader.Field, issues);
            default:
                issues.Error(ExperimentWorldReader.Field, $"must be a world file's path (relative to the config's folder) or a world object, got {StrictJson.Show(world)}.");
                return null;
        }
    }
}
