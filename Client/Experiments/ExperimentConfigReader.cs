using Auction.Grains.Interfaces.Models;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auction.Client.Scoring;
using Auction.Grains.Experiments;

namespace Auction.Client.Experiments;

/// <summary>
/// Reads an experiment config in either format: the flat reference trigger config (recognised by its field
/// names: <c>buy_event_*</c>, <c>uplink_mean</c>, <c>provider_list</c>, …) or the product's nested JSON. Every field
/// is optional (defaults: the reference distributions); unknown fields are errors. Problems go to
/// <see cref="ConfigIssues"/>, all of them; the returned config keeps defaults where a field was bad.
/// </summary>
public static partial class ExperimentConfigReader
{
    public static ExperimentConfig ReadFile(string file, ConfigIssues issues)
    {
        if (Cli.Utf8Input.Read(file, "--config", out var error) is not { } text)
        {
            issues.Error("--config", error!["--config ".Length..]);
            return new ExperimentConfig();
        }

        return Parse(text, issues);
    }

    public static ExperimentConfig Parse(string json, ConfigIssues issues)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            issues.Error("the config", $"is not valid JSON: {Cli.Excerpt.Line(e.Message, 200)}");
            return new ExperimentConfig();
        }

        using (document)
        {
            var root = ConfigObjectReader.Of(document.RootElement, "", issues);
            if (root is null) return new ExperimentConfig();
            try
            {
                return root.Names.Any(IsReferenceField) ? ReadReference(root, issues) : ReadProduct(root, issues);
            }
            catch (InvalidOperationException)
            {
                // the JSON reader decodes strings lazily: an escaped lone surrogate ("\ud800") fails only when read
                issues.Error("the config", "holds a string or field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
                return new ExperimentConfig();
            }
        }
    }

    [GeneratedRegex("^(buy_event_.*|provider_list|consumer_address|(uplink|downlink|price|mu|delta|epsilon|flow_size)_(mean|std_dev|lowest|highest))$")]
    private static partial Regex ReferenceField();

    private static bool IsReferenceField(string name) => ReferenceField().IsMatch(name);

    private static ExperimentConfig ReadReference(ConfigObjectReader root, ConfigIssues issues)
    {
        var config = new ExperimentConfig { Format = ConfigFormat.Reference };
        var notes = new List<string>();
        if (root.Text("name") is { } name) config = config with { Name = name };
        if (root.Text("strategy") is { } strategy && StrategyList.Parse(strategy, "strategy", issues) is { } strategies)
            config = config with { Strategies = strategies };
        if (root.Integer("seed") is { } seed) config = config with { Seed = seed };
        if (root.Take("consumer_address") is not null)
            notes.Add("consumer_address is ignored: requests go to consumer grains (consumer-0 …), not to an address.");
        if (root.Integer("buy_event_count") is { } count) config = config with { Count = count };

        ClampedNormalSpec Spec(string prefix, ClampedNormalSpec fallback) => new(
            root.Number($"{prefix}_mean") ?? fallback.Mean,
            root.Number($"{prefix}_std_dev") ?? fallback.StdDev,
            root.Number($"{prefix}_lowest") ?? fallback.Lowest,
            root.Number($"{prefix}_highest") ?? fallback.Highest);

        var reference = TriggerProfile.Reference;
        config = config with
        {
            Profile = new TriggerProfile(
                Spec("buy_event_interval", reference.IntervalSeconds),
                Spec("uplink", reference.Uplink),
                Spec("downlink", reference.Downlink),
                Spec("price", reference.Price),
                Spec("mu", reference.Mu),
                Spec("delta", reference.Delta),
                Spec("epsilon", reference.Epsilon),
                Spec("flow_size", reference.FlowSize)),
        };

        if (root.Take("provider_list") is { } list)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                issues.Error("provider_list", $"must be an array of {{\"provider_id\", \"address\"}} objects, got {JsonFieldReader.Show(list)}.");
            }
            else
            {
                var ids = new List<string>();
                var index = 0;
                foreach (var entry in list.EnumerateArray())
                {
                    var path = $"provider_list[{index++}]";
                    if (ConfigObjectReader.Of(entry, path, issues) is not { } provider) continue;
                    var id = provider.Text("provider_id");
                    if (id is null && !provider.Has("provider_id")) issues.Error($"{path}.provider_id", "is required but missing.");
                    if (id is not null) ids.Add(id);
                    provider.Text("address");
                    provider.RejectUnknown();
                }

                config = config with { Providers = ids };
                if (index > 0)
                    notes.Add("provider_list[].address is ignored: providers are reached through the cluster by id.");
            }
        }

        root.RejectUnknown();
        return config with { Notes = notes };
    }

    private static ExperimentConfig ReadProduct(ConfigObjectReader root, ConfigIssues issues)
    {
        var config = new ExperimentConfig { Format = ConfigFormat.Product };
        if (root.Text("name") is { } name) config = config with { Name = name };
        if (root.Take("strategy") is { } strategy)
        {
            var text = strategy.ValueKind switch
            {
                JsonValueKind.String => strategy.GetString(),
                JsonValueKind.Array when strategy.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                    string.Join(',', strategy.EnumerateArray().Select(e => e.GetString())),
                _ => null,
            };
            if (text is null)
                issues.Error("strategy", $"must be a strategy name, a comma list or an array of names, got {JsonFieldReader.Show(strategy)}.");
            else if (StrategyList.Parse(text, "strategy", issues) is { } strategies)
                config = config with { Strategies = strategies };
        }

        if (root.Integer("seed") is { } seed) config = config with { Seed = seed };
        var reference = TriggerProfile.Reference;
        var interval = reference.IntervalSeconds;
        if (root.Take("requests") is { } requestsElement && ConfigObjectReader.Of(requestsElement, "requests", issues) is { } requests)
        {
            if (requests.Integer("count") is { } count) config = config with { Count = count };
            if (requests.Take("interval_s") is { } spec) interval = ReadSpec(spec, "requests.interval_s", interval, issues);
            requests.RejectUnknown();
        }

        var profile = reference with { IntervalSeconds = interval };
        if (root.Take("qos") is { } qosElement && ConfigObjectReader.Of(qosElement, "qos", issues) is { } qos)
        {
            ClampedNormalSpec Field(string name, ClampedNormalSpec fallback) =>
                qos.Take(name) is { } e ? ReadSpec(e, qos.PathOf(name), fallback, issues) : fallback;
            profile = profile with
            {
                Uplink = Field("uplink", reference.Uplink),
                Downlink = Field("downlink", reference.Downlink),
                Price = Field("price", reference.Price),
                Mu = Field("mu", reference.Mu),
                Delta = Field("delta", reference.Delta),
                Epsilon = Field("epsilon", reference.Epsilon),
                FlowSize = Field("flow_size", reference.FlowSize),
            };
            qos.RejectUnknown();
        }

        config = config with { Profile = profile };
        if (root.Take("providers") is { } providers)
        {
            if (providers.ValueKind == JsonValueKind.String && providers.GetString() == "all")
                config = config with { Providers = null };
            else if (providers.ValueKind == JsonValueKind.Array && providers.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                config = config with { Providers = providers.EnumerateArray().Select(e => e.GetString()!).ToArray() };
            else
                issues.Error("providers", $"must be \"all\" or an array of provider ids, got {JsonFieldReader.Show(providers)}.");
        }

        if (root.Integer("consumers") is { } consumers) config = config with { Consumers = consumers };
        if (root.Integer("concurrency") is { } concurrency) config = config with { Concurrency = concurrency };
        if (root.Number("time_scale") is { } timeScale) config = config with { TimeScale = timeScale };
        if (root.Take("parameters") is { } parameters)
            config = config with { Parameters = AuctionParametersReader.Read(parameters, "parameters", issues) };
        if (root.Take("topology") is { } topology && ConfigObjectReader.Of(topology, "topology", issues) is { } t)
        {
            var adversary = AdversarySettings.Liar;
            if (t.Take("adversary") is { } kind)
            {
                if (kind.ValueKind == JsonValueKind.String && AdversaryKinds.All.Contains(kind.GetString()))
                    adversary = adversary with { Kind = kind.GetString()! };
                else
                    issues.Error(t.PathOf("adversary"), $"must be one of {string.Join(", ", AdversaryKinds.All)}, got {JsonFieldReader.Show(kind)}.");
            }
            if (t.Integer("on_off_honest") is { } honest) adversary = adversary with { HonestTransactions = honest };
            if (t.Integer("on_off_lying") is { } lying) adversary = adversary with { LyingTransactions = lying };
            config = config with { Topology = new SimulatedTopology { Providers = t.Integer("providers"), Faulty = t.Integer("faulty"), Adversary = adversary } };
            t.RejectUnknown();
        }
        root.RejectUnknown();
        return config;
    }

    /// <summary>A distribution: an object with any of mean, std_dev, lowest, highest (the rest from <paramref name="fallback"/>), or a bare number (a fixed value).</summary>
    private static ClampedNormalSpec ReadSpec(JsonElement element, string path, ClampedNormalSpec fallback, ConfigIssues issues)
    {
        if (element.ValueKind == JsonValueKind.Number)
            return ConfigObjectReader.Number(element, path, issues) is { } value ? ClampedNormalSpec.Fixed(value) : fallback;
        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Error(path, $"must be a number or an object {{\"mean\", \"std_dev\", \"lowest\", \"highest\"}}, got {JsonFieldReader.Show(element)}.");
            return fallback;
        }

        var reader = ConfigObjectReader.Of(element, path, issues)!;
        var spec = new ClampedNormalSpec(
            reader.Number("mean") ?? fallback.Mean,
            reader.Number("std_dev") ?? fallback.StdDev,
            reader.Number("lowest") ?? fallback.Lowest,
            reader.Number("highest") ?? fallback.Highest);
        reader.RejectUnknown();
        return spec;
    }
}
