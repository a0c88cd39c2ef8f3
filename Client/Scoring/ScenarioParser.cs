using System.Text.Json;
using Auction.Client.Cli;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Client.Scoring;

/// <summary>
/// Parses and validates a scenario JSON document. Every rejection is a <see cref="ScenarioException"/> whose
/// message names the field by its JSON path and shows the value. The range checks are the scoring core's
/// (<see cref="Require"/>), with the JSON path as the field name.
/// </summary>
public static class ScenarioParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    public static Scenario Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"malformed JSON: {Excerpt.Line(ex.Message, 200)}");
        }
        catch (InvalidOperationException)
        {
            // the duplicate-field check decodes names: an escaped lone surrogate fails there
            throw new ScenarioException("the scenario holds a field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
        }
        using (document)
        {
            try
            {
                return Parse(document.RootElement);
            }
            catch (ArgumentException ex)
            {
                // a Require check: its field name is the JSON path and its message names the value
                throw new ScenarioException(StripParamName(ex));
            }
            catch (InvalidOperationException)
            {
                // the JSON reader decodes strings lazily: an escaped lone surrogate ("\ud800") fails only when read
                throw new ScenarioException("the scenario holds a string or field name with an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");
            }
        }
    }

    private static Scenario Parse(JsonElement root)
    {
        var scenario = new JsonFieldReader(root, "");
        long nowMs = scenario.RequiredLong("now_ms");
        var qos = ParseQos(new JsonFieldReader(scenario.Required("qos"), "qos"));
        var parameters = scenario.Optional("params") is { } p ? ParseParameters(new JsonFieldReader(p, "params")) : AuctionParameters.Default;
        var providersElement = scenario.Required("providers");
        scenario.RejectUnknown();

        if (providersElement.ValueKind != JsonValueKind.Array)
            throw new ScenarioException($"providers must be an array, got {JsonFieldReader.Show(providersElement)}.");
        var providers = new List<ScenarioProvider>();
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        if (providersElement.GetArrayLength() > InputLimits.MaxProviders)
            throw new ScenarioException($"providers must hold at most {InputLimits.MaxProviders} providers, got {providersElement.GetArrayLength()}.");
        foreach (var element in providersElement.EnumerateArray())
        {
            var provider = ParseProvider(new JsonFieldReader(element, $"providers[{index}]"), nowMs, parameters);
            if (indexOf.TryGetValue(provider.Id, out int first))
                throw new ScenarioException($"providers[{index}].id duplicates providers[{first}].id, got \"{Excerpt.Of(provider.Id)}\".");
            indexOf[provider.Id] = index;
            providers.Add(provider);
            index++;
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

    private static Qos ParseQos(JsonFieldReader r)
    {
        var qos = new Qos(
            Price: PositiveAtMost(r.RequiredDouble("price"), InputLimits.MaxQosValue, r.PathOf("price")),
            Uplink: PositiveAtMost(r.RequiredDouble("uplink"), InputLimits.MaxRateMBps, r.PathOf("uplink")),
            Downlink: PositiveAtMost(r.RequiredDouble("downlink"), InputLimits.MaxRateMBps, r.PathOf("downlink")),
            Mu: Require.InRange(r.RequiredDouble("mu"), 0, InputLimits.MaxQosValue, r.PathOf("mu")),
            Delta: Require.InRange(r.RequiredDouble("delta"), 0, InputLimits.MaxQosValue, r.PathOf("delta")),
            Epsilon: Require.InRange(r.RequiredDouble("epsilon"), 1, InputLimits.MaxQosValue, r.PathOf("epsilon")),
            FlowSizeMb: PositiveAtMost(r.RequiredDouble("flow_size"), InputLimits.MaxQosValue, r.PathOf("flow_size")));
        r.RejectUnknown();
        return qos;
    }

    private static AuctionParameters ParseParameters(JsonFieldReader r)
    {
        var d = AuctionParameters.Default;
        var parameters = d with
        {
            Tau = Require.NonNegative(r.OptionalDouble("tau", d.Tau), r.PathOf("tau")),
            ConsumerTau = Require.NonNegative(r.OptionalDouble("consumer_tau", d.ConsumerTau), r.PathOf("consumer_tau")),
            KUptime = Require.Positive(r.OptionalDouble("k_uptime", d.KUptime), r.PathOf("k_uptime")),
            KLoad = Require.Positive(r.OptionalDouble("k_load", d.KLoad), r.PathOf("k_load")),
            KStrength = Require.Positive(r.OptionalDouble("k_strength", d.KStrength), r.PathOf("k_strength")),
            DefaultPeerFf = Require.Finite(r.OptionalDouble("default_peer_ff", d.DefaultPeerFf), r.PathOf("default_peer_ff")),
            DefaultPeerUplink = Require.NonNegative(r.OptionalDouble("default_peer_uplink", d.DefaultPeerUplink), r.PathOf("default_peer_uplink")),
            DefaultPeerDownlink = Require.NonNegative(r.OptionalDouble("default_peer_downlink", d.DefaultPeerDownlink), r.PathOf("default_peer_downlink")),
            DefaultPeerFeedback = Require.InRange(r.OptionalDouble("default_peer_feedback", d.DefaultPeerFeedback), 0, 1, r.PathOf("default_peer_feedback")),
            MockRssi = Require.InRange(r.OptionalDouble("mock_rssi", d.MockRssi), 0, 255, r.PathOf("mock_rssi")),
            Aggregator = ParseAggregator(r.OptionalString("aggregator"), r.PathOf("aggregator")) ?? d.Aggregator,
        };
        r.RejectUnknown();
        return parameters;
    }

    private static string? ParseAggregator(string? name, string path) => name switch
    {
        null => null,
        _ when AggregatorNames.All.Contains(name) => name,
        _ => throw new ScenarioException(
            $"{path} must be one of {string.Join(", ", AggregatorNames.All.Select(a => $"\"{a}\""))}, got \"{Excerpt.Of(name)}\"."),
    };

    /// <summary>A positive value no larger than <paramref name="highest"/> (beyond it sums and products overflow to Infinity).</summary>
    private static double PositiveAtMost(double value, double highest, string path) =>
        Require.InRange(Require.Positive(value, path), 0, highest, path);

    private static ScenarioProvider ParseProvider(JsonFieldReader r, long nowMs, AuctionParameters parameters)
    {
        string id = r.RequiredString("id");
        if (string.IsNullOrWhiteSpace(id))
            throw new ScenarioException($"{r.PathOf("id")} must be a non-empty string, got \"{id}\".");
        if (id.Length > InputLimits.MaxTextLength)
            throw new ScenarioException($"{r.PathOf("id")} must be at most {InputLimits.MaxTextLength} characters, got \"{Excerpt.Of(id)}\".");
        double price = Require.InRange(r.RequiredDouble("price"), 0, InputLimits.MaxQosValue, r.PathOf("price"));
        var peers = new SortedDictionary<string, ScenarioPeerRow>(StringComparer.Ordinal);
        if (r.Optional("peers") is { } peersElement)
        {
            var peersReader = new JsonFieldReader(peersElement, r.PathOf("peers"));
            foreach (var property in peersElement.EnumerateObject())
                peers[property.Name] = ParsePeerRow(
                    new JsonFieldReader(property.Value, peersReader.PathOf(property.Name)), nowMs, parameters);
        }
        r.RejectUnknown();
        return new ScenarioProvider(id, price, peers);
    }

    private static ScenarioPeerRow ParsePeerRow(JsonFieldReader r, long nowMs, AuctionParameters parameters)
    {
        long firstBeaconMs = r.RequiredLong("first_beacon_ms");
        if (firstBeaconMs > nowMs)
            throw new ScenarioException($"{r.PathOf("first_beacon_ms")} must not be after now_ms ({nowMs}), got {firstBeaconMs}.");
        var row = new ScenarioPeerRow(
            firstBeaconMs,
            ChannelUtilization: Require.InRange(r.RequiredDouble("channel_utilization"), 0, PeerMetrics.MaxChannelUtilization, r.PathOf("channel_utilization")),
            Rssi: Require.InRange(r.OptionalDouble("rssi", parameters.MockRssi), 0, 255, r.PathOf("rssi")),
            Uplink: Require.InRange(r.OptionalDouble("uplink", parameters.DefaultPeerUplink), 0, InputLimits.MaxRateMBps, r.PathOf("uplink")),
            Downlink: Require.InRange(r.OptionalDouble("downlink", parameters.DefaultPeerDownlink), 0, InputLimits.MaxRateMBps, r.PathOf("downlink")),
            Feedback: Require.InRange(r.OptionalDouble("feedback", parameters.DefaultPeerFeedback), 0, 1, r.PathOf("feedback"))); // an average of ratings in [0, 1]
        r.RejectUnknown();
        return row;
    }

    /// <summary>ArgumentException.Message appends " (Parameter 'x')"; the sentence before it already names the field.</summary>
    private static string StripParamName(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;
}
