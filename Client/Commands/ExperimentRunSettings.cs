using System.ComponentModel;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The options of <c>experiment run</c>; the config overrides among them are checked with the config.</summary>
public sealed class ExperimentRunSettings : ClusterConnectionSettings
{
    [CommandOption("-c|--config <FILE>")]
    [Description("Experiment config: the reference trigger config (flat fields, like examples/reference-trigger.json) or the product's JSON. Default: the reference distributions, 100 requests.")]
    public string? Config { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Experiment name (overrides the config's).")]
    public string? Name { get; init; }

    [CommandOption("-s|--strategy <STRATEGIES>")]
    [Description("auction, naive, random, cheapest, a comma list, 'both' (= auction,naive) or 'all'; run back to back on the same request sequence.")]
    public string? Strategy { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the whole request sequence (and of the simulated providers' lies). Default: the config's, else 1.")]
    public int? Seed { get; init; }

    [CommandOption("-n|--count <N>")]
    [Description("Number of requests per strategy, 1..100000 (overrides buy_event_count / requests.count).")]
    public int? Count { get; init; }

    [CommandOption("--providers <IDS>")]
    [Description("'all' (the live providers from the registry) or a comma list of provider ids; unknown ids are rejected before anything is sent.")]
    public string? Providers { get; init; }

    [CommandOption("--consumers <K>")]
    [Description("Spread requests round-robin over consumer-0 … consumer-(K-1). Default 1.")]
    public int? Consumers { get; init; }

    [CommandOption("--concurrency <C>")]
    [Description("Most requests in flight at once. Default 1.")]
    public int? Concurrency { get; init; }

    [CommandOption("--time-scale <X>")]
    [Description("Multiply every drawn interval by X; 0 fires back to back. Default 1 (real time).")]
    public double? TimeScale { get; init; }

    [CommandOption("--world <FILE>")]
    [Description("Run in the world of this file (docs/worlds.md), in every mode; replaces the config's \"world\". Default: the reference world (simulated) or the silos' own world (a cluster).")]
    public string? World { get; init; }

    [CommandOption("--simulated")]
    [Description("Run an in-process cluster (simulated links) instead of connecting to one.")]
    public bool Simulated { get; init; }

    [CommandOption("--simulated-providers <N>")]
    [Description("Providers of the in-process reference topology (first half honest, second half faulty).")]
    [DefaultValue(10)]
    public int SimulatedProviders { get; init; } = 10;

    [CommandOption("--drain-timeout <SECONDS>")]
    [Description("After Ctrl-C / SIGTERM: longest wait for the auctions still running.")]
    [DefaultValue(30.0)]
    public double DrainTimeout { get; init; } = 30;

    [CommandOption("--min-providers <N>")]
    [Description("Before firing, wait (up to 120 s) until the registry lists at least N live providers: a cluster that has just started.")]
    [DefaultValue(0)]
    public int MinProviders { get; init; }

    [CommandOption("--live-within <SECONDS>")]
    [Description("'--providers all' takes the providers the registry heard from within this many seconds.")]
    [DefaultValue(60.0)]
    public double LiveWithin { get; init; } = 60;

    [CommandOption("--max-failed-share <SHARE>")]
    [Description("Exit 1 when more than this share of the fired requests failed.")]
    [DefaultValue(0.1)]
    public double MaxFailedShare { get; init; } = 0.1;

    [CommandOption("--answer-margin <SECONDS>")]
    [Description("Longest wait for one request = its phase deadlines + its flow both ways at --slowest-rate + this margin; past it the request is recorded as failed.")]
    [DefaultValue(30.0)]
    public double AnswerMargin { get; init; } = 30;

    [CommandOption("--slowest-rate <MBPS>")]
    [Description("The slowest rate (MB/s) any provider is shaped to, for the longest wait of a request.")]
    [DefaultValue(1.0)]
    public double SlowestRate { get; init; } = 1;

    [CommandOption("--json")]
    [Description("Print the summary as JSON on stdout (progress goes to stderr).")]
    public bool Json { get; init; }

    [CommandOption("--check")]
    [Description("Only read and check the config and options, print the plan and exit (0 ok, 2 bad input); nothing is connected or sent.")]
    public bool Check { get; init; }

    /// <summary>The connection string from --connection or the environment, once <see cref="ClusterConnectionSettings.Validate"/> accepted it; null without a database.</summary>
    public string? ConnectionString { get; private set; }

    public ExperimentOverrides Overrides() => new()
    {
        Name = Name, Strategy = Strategy, Seed = Seed, Count = Count, Providers = Providers,
        Consumers = Consumers, Concurrency = Concurrency, TimeScale = TimeScale, World = World,
    };

    /// <summary>What the session needs besides the config: where the cluster is and the limits of the run.</summary>
    public ExperimentSessionOptions SessionOptions() => new()
    {
        Simulated = Simulated,
        SimulatedProviders = SimulatedProviders,
        Endpoint = Simulated ? null : Endpoint(ConnectionString),
        ConnectionString = ConnectionString,
        ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeout),
        DrainTimeout = TimeSpan.FromSeconds(DrainTimeout),
        MinProviders = MinProviders,
        LiveWithin = TimeSpan.FromSeconds(LiveWithin),
        MaxFailedShare = MaxFailedShare,
        AnswerMargin = TimeSpan.FromSeconds(AnswerMargin),
        SlowestRate = SlowestRate,
    };

    protected override void CheckOptions(OptionErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(Connection) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable)))
        {
            ConnectionString = ResolveConnectionString(out var error);
            if (ConnectionString is null) errors.Add("--connection", $"is not usable: {error}");
        }

        if (SimulatedProviders < 2) errors.Add("--simulated-providers", $"must be ≥ 2, got {SimulatedProviders}.");
        if (!double.IsFinite(MaxFailedShare) || MaxFailedShare is < 0 or > 1)
            errors.Add("--max-failed-share", $"must be between 0 and 1, got {ConfigIssues.Show(MaxFailedShare)}.");
        if (!double.IsFinite(LiveWithin) || LiveWithin <= 0)
            errors.Add("--live-within", $"must be a finite number of seconds > 0, got {ConfigIssues.Show(LiveWithin)}.");
        if (!double.IsFinite(AnswerMargin) || AnswerMargin < 0)
            errors.Add("--answer-margin", $"must be a finite number of seconds ≥ 0, got {ConfigIssues.Show(AnswerMargin)}.");
        if (!double.IsFinite(SlowestRate) || SlowestRate <= 0)
            errors.Add("--slowest-rate", $"must be a rate in MB/s > 0, got {ConfigIssues.Show(SlowestRate)}.");
        if (MinProviders < 0) errors.Add("--min-providers", $"must be ≥ 0, got {MinProviders}.");
        if (!double.IsFinite(DrainTimeout) || DrainTimeout < 0)
            errors.Add("--drain-timeout", $"must be a finite number of seconds ≥ 0, got {ConfigIssues.Show(DrainTimeout)}.");

        if (Simulated && Gateway is not null)
            errors.Add("--gateway", $"cannot be combined with --simulated, got '{Excerpt.Of(Gateway)}'.");
        else if (!Simulated && Gateway is null && ConnectionString is null && !errors.Any && !Check)
            errors.Add("--connection", $"is missing: pass --simulated, --gateway HOST:PORT, or --connection \"Host=...\" (or set {ConnectionEnvironmentVariable}) to find the cluster.");
    }
}
