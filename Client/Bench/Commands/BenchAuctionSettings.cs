using System.ComponentModel;
using System.Globalization;
using Auction.Client.Cli;
using Auction.Client.Commands;
using Spectre.Console.Cli;

namespace Auction.Client.Bench.Commands;

/// <summary>The options of <c>bench auction</c>.</summary>
public sealed class BenchAuctionSettings : ClusterConnectionSettings
{
    [CommandOption("--providers <LIST>")]
    [Description("In-process: comma-separated provider counts N, one benchmark each (each ≥ 2; default 10,50,100,200). --cluster: 'all' (the live providers from the registry, the default).")]
    public string? Providers { get; init; }

    [CommandOption("--cluster")]
    [Description("Benchmark a running multi-process cluster (found with --connection / ConnectionStrings__Auction, or --gateway) instead of an in-process silo.")]
    public bool Cluster { get; init; }

    [CommandOption("--live-within <SECONDS>")]
    [Description("--cluster: 'all' takes the providers the registry heard from within this many seconds.")]
    [DefaultValue(60.0)]
    public double LiveWithin { get; init; } = 60;

    [CommandOption("--idle-seconds <SECONDS>")]
    [Description("--cluster: how long the silos' CPU is measured while the cluster is idle, before the first auction (0: skip).")]
    [DefaultValue(20.0)]
    public double IdleSeconds { get; init; } = 20;

    [CommandOption("--auctions <K>")]
    [Description("Measured auctions per provider count.")]
    [DefaultValue(200)]
    public int Auctions { get; init; } = 200;

    [CommandOption("--warmup <W>")]
    [Description("Warm-up auctions run first and excluded from every figure.")]
    [DefaultValue(20)]
    public int Warmup { get; init; } = 20;

    [CommandOption("--concurrency <C>")]
    [Description("Auctions in flight at once (one consumer grain per slot).")]
    [DefaultValue(8)]
    public int Concurrency { get; init; } = 8;

    [CommandOption("--mode <MODE>")]
    [Description("decision: the auction until the winner is known (flows take no time); flow: with simulated flows that really wait size/rate × --flow-time-scale.")]
    [DefaultValue("decision")]
    public string Mode { get; init; } = "decision";

    [CommandOption("--flow-time-scale <SCALE>")]
    [Description("flow mode: real seconds waited per simulated flow second.")]
    [DefaultValue(0.001)]
    public double FlowTimeScale { get; init; } = 0.001;

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the request sequence and of the faulty providers' lies.")]
    [DefaultValue(42)]
    public int Seed { get; init; } = 42;

    [CommandOption("--phases")]
    [Description("Also time each phase of the auction (from the delivery times of its messages).")]
    public bool Phases { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON document instead of the table.")]
    public bool Json { get; init; }

    /// <summary>The connection string with --cluster and no --gateway, once <see cref="ClusterConnectionSettings.Validate"/> accepted it.</summary>
    public string? ConnectionString { get; private set; }

    protected override void CheckOptions(OptionErrors errors)
    {
        if (errors.Any) return; // a --gateway or --connect-timeout that is wrong already: one thing at a time, as before
        if (Check(out _) is { } error) errors.Add(error);
        else if (Cluster && Gateway is null && (ConnectionString = ResolveConnectionString(out var noDatabase)) is null)
            errors.Add($"--cluster needs --gateway HOST:PORT or a database: {noDatabase}.");
    }

    /// <summary>Checks the options; returns one sentence naming the bad option and value, or null when all are good.</summary>
    public string? Check(out BenchPlan? plan)
    {
        plan = null;
        var counts = new List<int>();
        if (Cluster)
        {
            if (Providers is not null && Providers != "all")
                return $"--providers must be 'all' with --cluster (the live providers of the running cluster), got '{Providers}'.";
            if (Phases) return "--phases cannot be combined with --cluster: the phases are timed by an in-process call filter.";
            if (!double.IsFinite(LiveWithin) || LiveWithin <= 0) return $"--live-within must be a number of seconds > 0, got {LiveWithin.ToString(CultureInfo.InvariantCulture)}.";
            if (!double.IsFinite(IdleSeconds) || IdleSeconds < 0 || IdleSeconds > 3600) return $"--idle-seconds must be a number of seconds in [0, 3600], got {IdleSeconds.ToString(CultureInfo.InvariantCulture)}.";
        }
        else if (Gateway is not null)
        {
            return $"--gateway needs --cluster, got '{Excerpt.Of(Gateway)}'.";
        }
        foreach (string part in Cluster ? [] : (Providers ?? "10,50,100,200").Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 2 || n > 2000)
                return $"--providers must be a comma-separated list of integers in [2, 2000], got '{Providers}' ('{part.Trim()}' is not one).";
            counts.Add(n);
        }
        if (Auctions < 1) return $"--auctions must be ≥ 1, got {Auctions}.";
        if (Warmup < 0) return $"--warmup must be ≥ 0, got {Warmup}.";
        if (Concurrency < 1 || Concurrency > 1024) return $"--concurrency must be in [1, 1024], got {Concurrency}.";
        BenchMode mode;
        switch (Mode)
        {
            case "decision": mode = BenchMode.Decision; break;
            case "flow": mode = BenchMode.Flow; break;
            default: return $"--mode must be 'decision' or 'flow', got '{Mode}'.";
        }
        if (!double.IsFinite(FlowTimeScale) || FlowTimeScale < 0 || FlowTimeScale > 1)
            return $"--flow-time-scale must be in [0, 1], got {FlowTimeScale.ToString(CultureInfo.InvariantCulture)}.";
        plan = new BenchPlan
        {
            ProviderCounts = counts, Auctions = Auctions, Warmup = Warmup, Concurrency = Concurrency, Mode = mode,
            Seed = Seed, Phases = Phases, FlowTimeScale = FlowTimeScale, IdleSeconds = IdleSeconds,
        };
        return null;
    }
}
