using System.Text.RegularExpressions;

namespace Auction.Client.Reports;

/// <summary>
/// The words a sweep chart writes for a field path, a metric or an adversary kind: a small table of the fields a
/// sweep usually varies, then rules for the rest (the last path segment, underscores as spaces, a unit suffix as the
/// unit in brackets), so that an axis reads "faulty providers" rather than <c>topology.faulty</c>.
/// </summary>
public static partial class SweepAxisLabels
{
    /// <summary>The fields whose words are not just their last segment; a world's <c>reference</c> topology reads as <c>topology</c>.</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["topology.faulty"] = "faulty providers",
        ["topology.providers"] = "providers",
        ["topology.adversary"] = "adversary",
        ["requests.count"] = "requests",
        ["parameters.consumer_tau"] = "consumer τ",
        ["parameters.tau"] = "τ",
        ["parameters.gamma"] = "γ",
        ["parameters.k_uptime"] = "k uptime",
        ["parameters.k_load"] = "k load",
        ["parameters.k_strength"] = "k strength",
    };

    /// <summary>Field names that hold a rate in MB/s although their name carries no unit.</summary>
    private static readonly HashSet<string> Rates = new(StringComparer.Ordinal)
    {
        "uplink", "downlink", "default_peer_uplink", "default_peer_downlink", "rate", "speed",
    };

    [GeneratedRegex(@"^providers\[(?<provider>\d+)\]\.schedule\[\d+\]\.(?<field>.+)$")]
    private static partial Regex ScheduleStep();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    /// <summary>An axis's words with its unit: "faulty providers", "consumer memory", "beacon interval (ms)", "uplink (MB/s)".</summary>
    public static string Axis(string path)
    {
        var field = path.StartsWith("world.reference.", StringComparison.Ordinal) ? "topology." + path["world.reference.".Length..] : path;
        if (Known.TryGetValue(field, out var known)) return known;
        if (field.StartsWith("world.", StringComparison.Ordinal) && ScheduleStep().Match(field["world.".Length..]) is { Success: true } step)
            return $"provider {step.Groups["provider"].Value}'s step {Words(step.Groups["field"].Value)}";
        return Words(Index().Replace(field.Split('.')[^1], ""));
    }

    /// <summary>A field name in words with its unit: <c>at_request</c> → "at request", <c>phase_deadline_ms</c> → "phase deadline (ms)".</summary>
    private static string Words(string name)
    {
        var last = name.Split('.')[^1];
        (string Suffix, string Unit)[] units = [("_ms", "ms"), ("_s", "s"), ("_mbps", "MB/s"), ("_mb", "MB")];
        foreach (var (suffix, unit) in units)
            if (last.EndsWith(suffix, StringComparison.Ordinal) && last.Length > suffix.Length)
                return $"{last[..^suffix.Length].Replace('_', ' ')} ({unit})";
        var words = last.Replace('_', ' ');
        return Rates.Contains(last) ? $"{words} (MB/s)" : words;
    }

    /// <summary>Whether a sweep axis varies the kind of adversary (one panel per kind): <c>topology.adversary</c>, <c>world.reference.adversary</c>.</summary>
    public static bool IsAdversary(string path) => path is "topology.adversary" or "world.reference.adversary";

    /// <summary>A metric's words: <c>faulty-win-share</c> → "faulty-win share", <c>mean-rating</c> → "mean rating".</summary>
    public static string Metric(string metric) => metric switch
    {
        "faulty-win-share" => "faulty-win share",
        "mean-rating" => "mean rating",
        _ => metric.Replace('-', ' '),
    };

    /// <summary>The value axis of a sweep chart: the metric's words and what is drawn of it.</summary>
    public static string MetricAxis(string metric) => $"{Metric(metric)} (mean, 95 % CI)";

    /// <summary>A panel's title for one adversary kind, as a plural noun: "liars", "colluders", "on-off providers".</summary>
    public static string Adversaries(string kind) => kind switch
    {
        "liar" => "liars",
        "colluder" => "colluders",
        "on-off" => "on-off providers",
        _ => kind,
    };
}
