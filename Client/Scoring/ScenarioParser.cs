using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Client.Cli;
using Auction.Grains.Json;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Client.Scoring;

/// <summary>
/// Parses a scenario document into <see cref="ScenarioJson"/> and validates it. Every rejection is a
/// <see cref="ScenarioException"/> whose message names the first bad field by its JSON path and shows the value
/// (every bad field of <c>params</c>, checked by the parameters' own rules, <see cref="AuctionParameterOverrides"/>).
/// The other range checks are the scoring core's (<see cref="Require"/>), with the JSON path as the field name.
/// </summary>
public static class ScenarioParser
{
    private static readonly JsonDocumentOptions TreeOptions = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    public static Scenario Parse(string json)
    {
        JsonNode? tree;
        try
        {
            tree = StrictJson.ParseTree(json, TreeOptions, out var syntaxError);
            if (syntaxError is not null) throw new ScenarioException($"malformed JSON: {syntaxError}");
        }
        catch (InvalidOperationException)
        {
            // the duplicate-field check decodes names: an escaped lone surrogate fails there
            throw new ScenarioException("the scenario holds a field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
        }

        var problems = new List<JsonProblem>();
        var scenario = StrictJson.Deserialize(tree, ScenarioJsonContext.Default.ScenarioJson, "the scenario", problems, maxProblems: 1);
        if (problems.Count > 0) throw new ScenarioException(problems[0].Message);
        try
        {
            return Validate(scenario!);
        }
        catch (ArgumentException ex)
        {
            // a Require check: its field name is the JSON path and its message names the value
            throw new ScenarioException(StripParamName(ex));
        }
    }

    private static T Required<T>(T? value, string path) where T : class =>
        value ?? throw new ScenarioException($"{path} is required but missing.");

    private static T Required<T>(T? value, string path) where T : struct =>
        value ?? throw new ScenarioException($"{path} is required but missing.");

    /// <summary>An element of an array or a map: null there is a value of the wrong kind, not a field left out.</summary>
    private static T AnObject<T>(T? value, string path) where T : class =>
        value ?? throw new ScenarioException($"{path} must be an object, got null.");

    private static Scenario Validate(ScenarioJson json)
    {
        long nowMs = Required(json.NowMs, "now_ms");
        var qos = ValidateQos(Required(json.Qos, "qos"));
        var parameters = json.Params is { } p ? ValidateParameters(p) : AuctionParameters.Default;
        var providersJson = Required(json.Providers, "providers");
        if (providersJson.Count > InputLimits.MaxProviders)
            throw new ScenarioException($"providers must hold at most {InputLimits.MaxProviders} providers, got {providersJson.Count}.");

        var providers = new List<ScenarioProvider>();
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int index = 0; index < providersJson.Count; index++)
        {
            var provider = ValidateProvider(AnObject(providersJson[index], $"providers[{index}]"), $"providers[{index}]", nowMs, parameters);
            if (indexOf.TryGetValue(provider.Id, out int first))
                throw new ScenarioException($"providers[{index}].id duplicates providers[{first}].id, got \"{Excerpt.Of(provider.Id)}\".");
            indexOf[provider.Id] = index;
            providers.Add(provider);
        }
        if (providers.Count < 2)
            throw new ScenarioException($"providers must hold at least 2 providers (an auction needs two), got {providers.Count}.");

        for (int i = 0; i < providers.Count; i++)
        {
            foreach (string peer in providers[i].Peers.Keys)
            {
                if (peer == providers[i].Id)
                    throw new ScenarioException($"providers[{i}].peers.{Excerpt.Of(peer)} is the provider itself, got \"{Excerpt.Of(peer)}\" (a provider never scores itself).");
                if (!indexOf.ContainsKey(peer))
                    throw new ScenarioException($"providers[{i}].peers.{Excerpt.Of(peer)} is not a provider id, got \"{Excerpt.Of(peer)}\".");
            }
        }
        return new Scenario(nowMs, qos, parameters, providers);
    }

    private static Qos ValidateQos(ScenarioQosJson q) => new(
        Price: PositiveAtMost(Required(q.Price, "qos.price"), InputLimits.MaxQosValue, "qos.price"),
        Uplink: PositiveAtMost(Required(q.Uplink, "qos.uplink"), InputLimits.MaxRateMBps, "qos.uplink"),
        Downlink: PositiveAtMost(Required(q.Downlink, "qos.downlink"), InputLimits.MaxRateMBps, "qos.downlink"),
        Mu: Require.InRange(Required(q.Mu, "qos.mu"), 0, InputLimits.MaxQosValue, "qos.mu"),
        Delta: Require.InRange(Required(q.Delta, "qos.delta"), 0, InputLimits.MaxQosValue, "qos.delta"),
        Epsilon: Require.InRange(Required(q.Epsilon, "qos.epsilon"), 1, InputLimits.MaxQosValue, "qos.epsilon"),
        FlowSizeMb: PositiveAtMost(Required(q.FlowSize, "qos.flow_size"), InputLimits.MaxQosValue, "qos.flow_size"));

    /// <summary>The parameters scoring reads (steps 3–5, one auction, rows given); setting another one would change nothing.</summary>
    private static readonly HashSet<string> Scored =
    [
        nameof(AuctionParameters.Tau), nameof(AuctionParameters.ConsumerTau), nameof(AuctionParameters.KUptime),
        nameof(AuctionParameters.KLoad), nameof(AuctionParameters.KStrength), nameof(AuctionParameters.DefaultPeerFf),
        nameof(AuctionParameters.DefaultPeerUplink), nameof(AuctionParameters.DefaultPeerDownlink),
        nameof(AuctionParameters.DefaultPeerFeedback), nameof(AuctionParameters.MockRssi), nameof(AuctionParameters.Aggregator),
    ];

    private static readonly string ScoredNames = string.Join(", ", AuctionParameter.All.Where(p => Scored.Contains(p.SiloName)).Select(p => p.Name));

    /// <summary>Every problem of <c>params</c> in one line: the parameters' own rules, and parameters the scorer does not read.</summary>
    private static AuctionParameters ValidateParameters(AuctionParameterOverrides overrides)
    {
        var unread = AuctionParameter.All
            .Where(p => !Scored.Contains(p.SiloName) && p.ValueIn(overrides) is not null)
            .Select(p => $"params.{p.Name} has no effect on the offline scorer (it reads {ScoredNames}), got {ParameterRule.Show(p.ValueIn(overrides)!)}.");
        var problems = overrides.Validate(ParameterPaths.Json("params.")).Select(p => p.Message).Concat(unread).ToArray();
        if (problems.Length > 0) throw new ScenarioException(string.Join(" ", problems));
        return overrides.ApplyTo(AuctionParameters.Default);
    }

    /// <summary>A positive value no larger than <paramref name="highest"/> (beyond it sums and products overflow to Infinity).</summary>
    private static double PositiveAtMost(double value, double highest, string path) =>
        Require.InRange(Require.Positive(value, path), 0, highest, path);

    private static ScenarioProvider ValidateProvider(ScenarioProviderJson p, string path, long nowMs, AuctionParameters parameters)
    {
        string id = Required(p.Id, $"{path}.id");
        if (string.IsNullOrWhiteSpace(id))
            throw new ScenarioException($"{path}.id must be a non-empty string, got \"{id}\".");
        if (id.Length > InputLimits.MaxTextLength)
            throw new ScenarioException($"{path}.id must be at most {InputLimits.MaxTextLength} characters, got \"{Excerpt.Of(id)}\".");
        double price = Require.InRange(Required(p.Price, $"{path}.price"), 0, InputLimits.MaxQosValue, $"{path}.price");
        var peers = new SortedDictionary<string, ScenarioPeerRow>(StringComparer.Ordinal);
        foreach (var (peer, row) in p.Peers ?? new Dictionary<string, ScenarioPeerJson?>())
        {
            var rowPath = $"{path}.peers.{Excerpt.Of(peer)}";
            peers[peer] = ValidatePeerRow(AnObject(row, rowPath), rowPath, nowMs, parameters);
        }
        return new ScenarioProvider(id, price, peers);
    }

    private static ScenarioPeerRow ValidatePeerRow(ScenarioPeerJson r, string path, long nowMs, AuctionParameters parameters)
    {
        long firstBeaconMs = Required(r.FirstBeaconMs, $"{path}.first_beacon_ms");
        if (firstBeaconMs > nowMs)
            throw new ScenarioException($"{path}.first_beacon_ms must not be after now_ms ({nowMs}), got {firstBeaconMs}.");
        return new ScenarioPeerRow(
            firstBeaconMs,
            ChannelUtilization: Require.InRange(Required(r.ChannelUtilization, $"{path}.channel_utilization"), 0, PeerMetrics.MaxChannelUtilization, $"{path}.channel_utilization"),
            Rssi: Require.InRange(r.Rssi ?? parameters.MockRssi, 0, 255, $"{path}.rssi"),
            Uplink: Require.InRange(r.Uplink ?? parameters.DefaultPeerUplink, 0, InputLimits.MaxRateMBps, $"{path}.uplink"),
            Downlink: Require.InRange(r.Downlink ?? parameters.DefaultPeerDownlink, 0, InputLimits.MaxRateMBps, $"{path}.downlink"),
            Feedback: Require.InRange(r.Feedback ?? parameters.DefaultPeerFeedback, 0, 1, $"{path}.feedback")); // an average of ratings in [0, 1]
    }

    /// <summary>ArgumentException.Message appends " (Parameter 'x')"; the sentence before it already names the field.</summary>
    private static string StripParamName(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;
}
