using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>Which file format an <see cref="ExperimentConfig"/> was read from; it decides how fields are named in messages.</summary>
public enum ConfigFormat
{
    /// <summary>No config file: every field has its default.</summary>
    Defaults,
    /// <summary>The flat reference trigger config (<c>buy_event_count</c>, <c>uplink_mean</c>, …).</summary>
    Reference,
    /// <summary>The product's nested JSON (<c>requests.count</c>, <c>qos.uplink.mean</c>, …).</summary>
    Product,
}

/// <summary>
/// Everything an experiment run needs to know, with the defaults of the reference trigger config: which strategies
/// to compare, how many requests with which distributions (one seed fixes the whole sequence), which providers, how
/// many consumers, how many requests in flight, and how the drawn intervals are scaled.
/// </summary>
public sealed record ExperimentConfig
{
    public string Name { get; init; } = "experiment";
    public IReadOnlyList<string> Strategies { get; init; } = [Grains.Interfaces.Models.Strategies.Auction];
    public int Seed { get; init; } = 1;
    public int Count { get; init; } = 100;
    public TriggerProfile Profile { get; init; } = TriggerProfile.Reference;
    /// <summary>The providers to ask; null means every live provider the registry knows.</summary>
    public IReadOnlyList<string>? Providers { get; init; }
    public int Consumers { get; init; } = 1;
    public int Concurrency { get; init; } = 1;
    /// <summary>Each drawn interval is multiplied by this (0 fires back to back).</summary>
    public double TimeScale { get; init; } = 1;
    /// <summary>Overrides of the auction parameters (consumer side in a cluster, both sides in the simulated mode); null keeps the defaults.</summary>
    public AuctionParameters? Parameters { get; init; }
    /// <summary>The simulated mode's providers (size, faulty count, adversary); ignored against a running cluster, whose silos decide.</summary>
    public SimulatedTopology Topology { get; init; } = new();
    /// <summary>The world the experiment runs in; null: the reference world of <see cref="Topology"/> (simulated) or the silos' own world (a cluster).</summary>
    public ExperimentWorld? World { get; init; }
    public ConfigFormat Format { get; init; } = ConfigFormat.Defaults;
    /// <summary>Notes on fields that were read but have no effect (addresses of the reference config).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Logical field → the command-line option that set it.</summary>
    public IReadOnlyDictionary<string, string> Overridden { get; init; } = new Dictionary<string, string>();

    /// <summary>Where a logical field (<c>count</c>, <c>uplink.std_dev</c>, …) came from: an option, or its path in the config's format.</summary>
    public string PathOf(string field) =>
        Overridden.TryGetValue(field, out var option) ? option : ConfigPaths.Of(field, Format);
}

/// <summary>The path of each logical config field in both file formats.</summary>
public static class ConfigPaths
{
    /// <summary>The distributions, as the logical field prefixes name them.</summary>
    public static readonly string[] Distributions = ["interval", "uplink", "downlink", "price", "mu", "delta", "epsilon", "flow_size"];

    public static readonly string[] SpecFields = ["mean", "std_dev", "lowest", "highest"];

    public static string Of(string field, ConfigFormat format)
    {
        var dot = field.IndexOf('.');
        var (head, tail) = dot < 0 ? (field, "") : (field[..dot], field[(dot + 1)..]);
        if (format == ConfigFormat.Reference)
        {
            return head switch
            {
                "count" => "buy_event_count",
                "interval" => $"buy_event_interval_{tail}",
                "providers" => "provider_list",
                _ when tail.Length > 0 => $"{head}_{tail}",
                _ => head,
            };
        }

        return head switch
        {
            "count" => "requests.count",
            "interval" => $"requests.interval_s.{tail}",
            "uplink" or "downlink" or "price" or "mu" or "delta" or "epsilon" or "flow_size" => $"qos.{field}",
            _ => field,
        };
    }
}

/// <summary>
/// The reference topology the simulated mode builds (the same function the silos use): how many providers, how many
/// of them (the last ones) faulty, and how they misbehave. Null fields keep the defaults (10 providers, the second half faulty).
/// </summary>
public sealed record SimulatedTopology
{
    public int? Providers { get; init; }
    public int? Faulty { get; init; }
    public AdversarySettings Adversary { get; init; } = AdversarySettings.Liar;
}
