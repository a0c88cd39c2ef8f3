using Auction.Client.Statistics;
using Auction.Client.Cli;
using System.ComponentModel;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Client.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

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

/// <summary>
/// <c>bench auction</c>: for each provider count N, starts a silo in this process with the reference topology of N
/// providers, runs K measured auctions C at a time and prints latency, throughput, counted grain messages, timeouts
/// and the peak working set.
/// </summary>
public sealed class BenchAuctionCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<BenchAuctionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchAuctionSettings settings, CancellationToken cancellationToken)
    {
        settings.Check(out var plan); // checked by Validate(): here for the plan
        if (settings.Cluster) return await ClusterBenchCommand.ExecuteAsync(settings, plan!, console, streams, cancellationToken);
        var runs = new List<BenchRun>();
        foreach (int n in plan!.ProviderCounts)
        {
            var run = await AuctionBenchmark.RunAsync(n, plan, settings.Json ? null : message => console.MarkupLine($"[grey]{Markup.Escape(message)}[/]"),
                cancellationToken);
            runs.Add(run);
        }
        if (settings.Json) console.WriteText(JsonSerializer.Serialize(new BenchDocument(Machine.Describe(), plan, runs), JsonOptions));
        else Render(console, plan, runs);
        return runs.All(r => r.Timeouts == 0 && r.MissingProviders == 0 && r.FailedAuctions == 0) ? 0 : 1;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static void Render(IAnsiConsole console, BenchPlan plan, IReadOnlyList<BenchRun> runs)
    {
        if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 200); // a redirected report keeps its table rows whole
        var machine = Machine.Describe();
        console.MarkupLine(Markup.Escape(
            $"bench auction: mode {plan.Mode.ToString().ToLowerInvariant()}, K={plan.Auctions} measured (+{plan.Warmup} warm-up excluded), " +
            $"concurrency {plan.Concurrency}, seed {plan.Seed}; {machine.Cores} cores, {machine.Gc} GC, {machine.Runtime}"));
        var table = new Table().Border(TableBorder.Rounded).Caption($"percentiles: {Quantiles.Definition}");
        foreach (string column in new[] { "N", "decision p50 ms", "p95", "p99", "call p50 ms", "auctions/s", "msgs/auction", "formula", "timeouts", "missing", "failed", "≥ deadline", "CPU ms/auction", "CPU use", "load avg", "peak WS MiB" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var r in runs)
        {
            table.AddRow(
                r.Providers.ToString(CultureInfo.InvariantCulture),
                F(r.DecisionMs.P50), F(r.DecisionMs.P95), F(r.DecisionMs.P99), F(r.CallMs.P50),
                F(r.AuctionsPerSecond),
                r.ProtocolMessagesPerAuction.ToString("0.##", CultureInfo.InvariantCulture),
                r.FormulaMessagesPerAuction.ToString(CultureInfo.InvariantCulture),
                r.Timeouts.ToString(CultureInfo.InvariantCulture),
                r.MissingProviders.ToString(CultureInfo.InvariantCulture),
                r.FailedAuctions.ToString(CultureInfo.InvariantCulture),
                r.SlowerThanDeadline.ToString(CultureInfo.InvariantCulture),
                F(r.CpuMsPerAuction),
                r.CpuUtilization.ToString("P0", CultureInfo.InvariantCulture),
                r.LoadAverageBefore.ToString("0.0", CultureInfo.InvariantCulture),
                (r.PeakWorkingSetBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape(
            "decision = request → winner known (TransactionRecord.DecidedAt − RequestedAt); call = Purchase round trip at the client. " +
            "msgs/auction = grain calls of the auction protocol counted by an incoming call filter / K; formula = 2N(N−1) + 4N + 2. " +
            "timeouts = auctions with a call not answered in time or a provider left out (missing = how many were left out); " +
            "≥ deadline = decisions that took at least one phase deadline (where a provider's unseen wait for vectors may have run out). CPU use = process CPU / (wall × cores); " +
            "load avg = the machine's 1-minute load average when the measurement began (other processes compete for the cores)."));
        var methods = new Table().Border(TableBorder.Simple).AddColumn("messages per auction, by method");
        foreach (var r in runs) methods.AddColumn(new TableColumn($"N={r.Providers}").RightAligned());
        foreach (string method in runs.SelectMany(r => r.MessagesPerAuctionByMethod.Keys).Distinct().Order(StringComparer.Ordinal))
            methods.AddRow([method, .. runs.Select(r => r.MessagesPerAuctionByMethod.GetValueOrDefault(method).ToString("0.##", CultureInfo.InvariantCulture))]);
        console.Write(methods);
        foreach (var r in runs.Where(r => r.Phases is { Count: > 0 }))
        {
            var phases = new Table().Border(TableBorder.Simple).Title($"phases, N={r.Providers}")
                .AddColumn("phase").AddColumn(new TableColumn("mean ms").RightAligned()).AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
            foreach (var p in r.Phases!) phases.AddRow(Markup.Escape(p.Phase), F(p.MeanMs), F(p.P50Ms), p.ShareOfDecision.ToString("P0", CultureInfo.InvariantCulture));
            console.Write(phases);
        }
    }

    internal static string F(double value) => double.IsNaN(value) ? "–" : value.ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture);

    private sealed record BenchDocument(Machine Machine, BenchPlan Plan, IReadOnlyList<BenchRun> Runs);
}

/// <summary>The machine and runtime a benchmark ran on.</summary>
public sealed record Machine(int Cores, string Gc, bool ConcurrentGc, string Runtime, string Os, long TotalMemoryBytes)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        GCSettings.IsServerGC ? "server" : "workstation",
        System.Runtime.GCSettings.LatencyMode != GCLatencyMode.Batch,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The 1-minute load average from /proc/loadavg, or NaN where there is none.</summary>
    public static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }
}
