using System.Text.Json;
using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// Reads the <c>parameters</c> object of an experiment config: overrides of <see cref="AuctionParameters"/>, named
/// as in docs/algorithm.md (snake_case). Fields left out keep their defaults.
/// </summary>
public static class AuctionParametersReader
{
    private delegate AuctionParameters Setter(AuctionParameters p, JsonElement value, string path, ConfigIssues issues);

    private static readonly Dictionary<string, Setter> Setters = new(StringComparer.Ordinal)
    {
        ["beacon_interval_ms"] = (p, v, path, i) => Long(v, path, i) is { } x ? p with { BeaconIntervalMs = x } : p,
        ["beacon_t_limit_ms"] = (p, v, path, i) => Long(v, path, i) is { } x ? p with { BeaconTLimitMs = x } : p,
        ["k_uptime"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { KUptime = x } : p,
        ["k_load"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { KLoad = x } : p,
        ["k_strength"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { KStrength = x } : p,
        ["tau"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { Tau = x } : p,
        ["consumer_tau"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { ConsumerTau = x } : p,
        ["gamma"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { Gamma = x } : p,
        ["default_peer_ff"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { DefaultPeerFf = x } : p,
        ["default_peer_uplink"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { DefaultPeerUplink = x } : p,
        ["default_peer_downlink"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { DefaultPeerDownlink = x } : p,
        ["default_peer_last_price"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { DefaultPeerLastPrice = x } : p,
        ["default_peer_feedback"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { DefaultPeerFeedback = x } : p,
        ["mock_rssi"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { MockRssi = x } : p,
        ["phase_deadline_ms"] = (p, v, path, i) => Long(v, path, i) is { } x ? p with { PhaseDeadlineMs = x } : p,
        ["aggregator"] = (p, v, path, i) => Aggregator(v, path, i) is { } x ? p with { Aggregator = x } : p,
        ["consumer_memory"] = (p, v, path, i) => Double(v, path, i) is { } x ? p with { ConsumerMemory = x } : p,
    };

    public static IEnumerable<string> Names => Setters.Keys;

    public static AuctionParameters? Read(JsonElement element, string path, ConfigIssues issues)
    {
        var reader = ConfigObjectReader.Of(element, path, issues);
        if (reader is null) return null;
        var parameters = AuctionParameters.Default;
        foreach (var (name, set) in Setters)
        {
            if (reader.Take(name) is { } value) parameters = set(parameters, value, reader.PathOf(name), issues);
        }

        reader.RejectUnknown();
        return parameters;
    }

    private static double? Double(JsonElement v, string path, ConfigIssues issues) => ConfigObjectReader.Number(v, path, issues);

    private static long? Long(JsonElement v, string path, ConfigIssues issues)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var x)) return x;
        issues.Error(path, $"must be a whole number of milliseconds, got {Scoring.JsonFieldReader.Show(v)}.");
        return null;
    }

    private static string? Aggregator(JsonElement v, string path, ConfigIssues issues)
    {
        if (v.ValueKind == JsonValueKind.String && AggregatorNames.All.Contains(v.GetString()))
            return v.GetString();
        issues.Error(path, $"must be one of {string.Join(", ", AggregatorNames.All.Select(a => $"'{a}'"))}, got {Scoring.JsonFieldReader.Show(v)}.");
        return null;
    }
}
