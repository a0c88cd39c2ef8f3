using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Client.Results;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Npgsql;
using NpgsqlTypes;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction experiment run</c>: reads an experiment config, fires its seeded request sequence at the consumer
/// grains once per strategy, records the experiment, and prints the summary.
/// </summary>
public sealed class ExperimentRunCommand : AsyncCommand<ExperimentRunCommand.Settings>
{
    public sealed class Settings : DatabaseSettings
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

        [CommandOption("--simulated")]
        [Description("Run an in-process cluster (simulated links) instead of connecting to one.")]
        public bool Simulated { get; init; }

        [CommandOption("--simulated-providers <N>")]
        [Description("Providers of the in-process reference topology (first half honest, second half faulty).")]
        [DefaultValue(10)]
        public int SimulatedProviders { get; init; } = 10;

        [CommandOption("--gateway <HOST:PORT>")]
        [Description("Connect to a silo gateway (static clustering), e.g. 127.0.0.1:30000, instead of ADO.NET clustering through --connection.")]
        public string? Gateway { get; init; }

        [CommandOption("--cluster-id <ID>")]
        [Description("Orleans ClusterId of the cluster to connect to.")]
        [DefaultValue("auction")]
        public string ClusterId { get; init; } = "auction";

        [CommandOption("--service-id <ID>")]
        [Description("Orleans ServiceId of the cluster to connect to.")]
        [DefaultValue("auction")]
        public string ServiceId { get; init; } = "auction";

        [CommandOption("--connect-timeout <SECONDS>")]
        [Description("Longest wait for the cluster to accept the client (or the in-process cluster to start).")]
        [DefaultValue(30.0)]
        public double ConnectTimeout { get; init; } = 30;

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

        public ExperimentOverrides Overrides() => new()
        {
            Name = Name, Strategy = Strategy, Seed = Seed, Count = Count, Providers = Providers,
            Consumers = Consumers, Concurrency = Concurrency, TimeScale = TimeScale,
        };
    }

    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(30);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var issues = new ConfigIssues();
        var config = settings.Config is { } file ? ExperimentConfigReader.ReadFile(file, issues) : new ExperimentConfig();
        config = settings.Overrides().ApplyTo(config, issues);
        ExperimentConfigValidator.Validate(config, issues);
        var (connectionString, endpoint) = ValidateOptions(settings, issues);
        if (Report(issues)) return ExitCodes.BadInput;
        foreach (var note in config.Notes) Console.Error.WriteLine($"note: {note}");
        if (settings.Check)
        {
            Console.Out.WriteLine($"config ok: '{Excerpt.Of(config.Name)}', {config.Count} request(s) × {string.Join(',', config.Strategies)}, seed {config.Seed}");
            return ExitCodes.Success;
        }

        var log = settings.Json ? Console.Error : Console.Out;
        await using var dataSource = connectionString is null ? null : NpgsqlDataSource.Create(connectionString);
        if (dataSource is not null && await CheckDatabaseAsync(dataSource, connectionString!, cancellationToken) is { } dbError)
        {
            Console.Error.WriteLine(dbError);
            return ExitCodes.Unreachable;
        }

        using var signal = new InterruptSignal();
        IExperimentCluster cluster;
        try
        {
            var timeout = TimeSpan.FromSeconds(settings.ConnectTimeout);
            cluster = settings.Simulated
                ? await SimulatedExperimentCluster.StartAsync(
                    config.Topology.Providers ?? settings.SimulatedProviders, config.Seed, config.Parameters, dataSource, timeout, cancellationToken, config.Topology)
                : await RemoteExperimentCluster.ConnectAsync(endpoint!, timeout, cancellationToken);
        }
        catch (Exception e) when (e is ClusterUnreachableException or TimeoutException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (Auction.Grains.Security.ClusterCertificateException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using (cluster)
        {
            log.WriteLine($"connected: {cluster.Description}");
            var registry = cluster.Grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
            IReadOnlyList<string>? providers;
            try
            {
                var registered = await ProviderRegistration.WaitForLiveAsync(
                    registry, settings.MinProviders, TimeSpan.FromSeconds(settings.LiveWithin), TimeSpan.FromSeconds(120), cancellationToken: cancellationToken);
                if (!registered.Enough)
                {
                    Console.Error.WriteLine($"error: only {registered.Live} of the {settings.MinProviders} providers asked for by --min-providers registered within 120 s.");
                    return ExitCodes.Unreachable;
                }
                providers = ProviderSelection.Resolve(config, registered.Providers, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(settings.LiveWithin), issues);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                Console.Error.WriteLine($"error: the provider registry did not answer within 10 s: {e.Message}");
                return ExitCodes.Unreachable;
            }

            if (Report(issues) || providers is null) return ExitCodes.BadInput;
            return await RunAsync(config, settings, providers, cluster, dataSource, signal, log, cancellationToken);
        }
    }

    private static async Task<int> RunAsync(
        ExperimentConfig config, Settings settings, IReadOnlyList<string> providers, IExperimentCluster cluster,
        NpgsqlDataSource? dataSource, InterruptSignal signal, TextWriter log, CancellationToken cancellationToken)
    {
        var plan = RequestSequence.Generate(config.Profile, config.Count, config.Seed);
        var strategyText = string.Join(',', config.Strategies);
        var experiment = new ExperimentRow(Guid.NewGuid(), config.Name, strategyText, config.Seed,
            ConfigJson(config, providers, settings), DateTimeOffset.UtcNow, null, ExperimentStatus.Running);
        var store = dataSource is null ? null : new ExperimentStore(dataSource);
        try
        {
            if (store is not null)
                await store.CreateAsync(experiment.Name, strategyText, experiment.Seed, experiment.ConfigJson, experiment.Id, experiment.StartedAt, cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            Console.Error.WriteLine(DatabaseErrors.Describe(dataSource!.ConnectionString, e));
            return ExitCodes.Unreachable;
        }

        // From here on the row says the client is alive; once the client dies it reads as abandoned.
        await using var heartbeat = store is null ? null : new ExperimentHeartbeat(store, experiment.Id);
        var unanswered = dataSource is null ? null : new UnansweredRequestLog(dataSource);
        log.WriteLine($"experiment {experiment.Id} '{experiment.Name}': {plan.Count} request(s) × {strategyText}, seed {config.Seed}, "
                      + $"{providers.Count} provider(s), {config.Consumers} consumer(s), concurrency {config.Concurrency}, time scale {ConfigIssues.Show(config.TimeScale)}"
                      + (store is null ? " (no database: transactions are summarised from memory)" : ""));

        var options = new RunnerOptions
        {
            ExperimentId = experiment.Id,
            Providers = providers,
            Consumers = config.Consumers,
            Concurrency = config.Concurrency,
            TimeScale = config.TimeScale,
            Parameters = config.Parameters,
            DrainTimeout = TimeSpan.FromSeconds(settings.DrainTimeout),
            AnswerBound = new AnswerBound(
                TimeSpan.FromMilliseconds((config.Parameters ?? new AuctionParameters()).PhaseDeadlineMs), settings.SlowestRate,
                TimeSpan.FromSeconds(settings.AnswerMargin)),
            RecordUnanswered = unanswered is null ? null : unanswered.RecordAsync,
        };

        var runs = new List<StrategyRun>();
        var status = ExperimentStatus.Completed;
        try
        {
            async Task<int> FireAll(IRunProgress progress)
            {
                var runner = new ExperimentRunner(cluster.Grains, options, progress);
                foreach (var strategy in config.Strategies)
                {
                    if (signal.Interrupted) break;
                    runs.Add(await runner.RunAsync(strategy, plan, signal.StopFiring, signal.StopWaiting));
                }

                return runs.Count;
            }

            if (Terminal.IsInteractive && !settings.Json)
                await ProgressBarDisplay.RunAsync(Terminal.Create(), FireAll);
            else
                await FireAll(new PlainProgressLog(log));
            status = signal.Interrupted ? ExperimentStatus.Interrupted : ExperimentStatus.Completed;
        }
        catch (Exception e)
        {
            status = ExperimentStatus.Failed;
            Console.Error.WriteLine($"error: the experiment stopped: {e.GetType().Name}: {e.Message}");
        }

        var returned = runs.Sum(r => r.Records.Count);
        var fired = runs.Sum(r => r.Fired);
        var failed = runs.Sum(r => r.Failed);
        var failedShare = fired == 0 ? 0 : failed / (double)fired;
        if (status == ExperimentStatus.Completed && failedShare > settings.MaxFailedShare) status = ExperimentStatus.Failed;
        IReadOnlyList<ExperimentSummaryRow> rows;
        var source = "memory";
        var statusLost = false;
        if (store is not null)
        {
            try
            {
                if (!await StoredTransactions.WaitAsync(cluster, dataSource!, experiment.Id, returned + runs.Sum(r => r.UnansweredRows), StoreTimeout))
                    Console.Error.WriteLine($"warning: not every transaction of {experiment.Id} reached PostgreSQL within {StoreTimeout.TotalSeconds:0} s; the summary shows what is stored");
            }
            catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
            {
                Console.Error.WriteLine($"warning: could not count the stored transactions: {DatabaseErrors.Describe(dataSource!.ConnectionString, e)}");
            }

            if (heartbeat is not null) await heartbeat.DisposeAsync();
            statusLost = !await FinishWithRetryAsync(store, experiment.Id, status, dataSource!.ConnectionString);
            try
            {
                experiment = statusLost
                    ? experiment with { Status = status }
                    : await store.GetAsync(experiment.Id, CancellationToken.None) ?? experiment;
                rows = await ExperimentSummaryRow.ReadAsync(dataSource!, experiment.Id, CancellationToken.None);
                source = "database";
            }
            catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
            {
                Console.Error.WriteLine(DatabaseErrors.Describe(dataSource!.ConnectionString, e));
                rows = ExperimentSummaryCalculator.FromRecords(runs.SelectMany(r => r.Records));
            }
        }
        else
        {
            experiment = experiment with { Status = status, FinishedAt = DateTimeOffset.UtcNow };
            rows = ExperimentSummaryCalculator.FromRecords(runs.SelectMany(r => r.Records));
        }

        var exitCode = statusLost ? ExitCodes.Unreachable
            : status == ExperimentStatus.Failed || failedShare > settings.MaxFailedShare ? ExitCodes.Failures : ExitCodes.Success;
        var errors = runs.SelectMany(r => r.Errors).ToArray();
        foreach (var warning in runs.SelectMany(r => r.Warnings)) Console.Error.WriteLine($"warning: {warning}");
        foreach (var error in errors.Take(5)) Console.Error.WriteLine($"warning: {error}");
        if (errors.Length > 5) Console.Error.WriteLine($"warning: … and {errors.Length - 5} more request(s) without a transaction");

        if (settings.Json)
        {
            Console.Out.WriteLine(SummaryJson.Write(experiment, rows, w =>
            {
                w.WriteString("summary_source", source);
                w.WriteNumber("planned", plan.Count * config.Strategies.Count);
                w.WriteNumber("fired", fired);
                w.WriteNumber("returned", returned);
                w.WriteNumber("errors", errors.Length);
                w.WriteNumber("abandoned", runs.Sum(r => r.Abandoned));
                w.WriteNumber("unanswered_rows", runs.Sum(r => r.UnansweredRows));
                w.WriteBoolean("status_written", !statusLost);
                w.WriteNumber("failed", failed);
                w.WriteNumber("failed_share", failedShare);
                w.WriteNumber("max_failed_share", settings.MaxFailedShare);
                w.WriteNumber("exit_code", exitCode);
            }));
        }
        else
        {
            Terminal.Create().Write(SummaryTable.Create(experiment, rows));
            Console.Out.WriteLine($"{fired} request(s) fired, {failed} failed ({failedShare.ToString("P1", CultureInfo.InvariantCulture)}; "
                                  + $"limit {settings.MaxFailedShare.ToString("P1", CultureInfo.InvariantCulture)}), experiment {ExperimentStore.StatusName(experiment.Status)}"
                                  + (store is null ? "" : $"; see it again with: auction report {experiment.Id}"));
        }

        if (failedShare > settings.MaxFailedShare)
            Console.Error.WriteLine($"error: {failed} of {fired} request(s) failed, more than --max-failed-share {ConfigIssues.Show(settings.MaxFailedShare)}");
        if (statusLost)
            Console.Error.WriteLine($"error: the final status '{ExperimentStore.StatusName(status)}' of experiment {experiment.Id} could not be written to PostgreSQL; "
                                    + $"it will read as 'abandoned' {ExperimentStore.AbandonedAfter.TotalSeconds:0} s after the last heartbeat");
        return exitCode;
    }

    /// <summary>Writes the experiment's final status through a PostgreSQL restart; false (said on stderr) when it never went in.</summary>
    private static async Task<bool> FinishWithRetryAsync(ExperimentStore store, Guid experimentId, ExperimentStatus status, string connectionString)
    {
        var outcome = await FinalStatusWriter.WriteAsync(ct => store.FinishAsync(experimentId, status, cancellationToken: ct));
        if (!outcome.Written)
            Console.Error.WriteLine($"{DatabaseErrors.Describe(connectionString, outcome.LastError!)} (final status, attempt {outcome.Attempts})");
        return outcome.Written;
    }

    /// <summary>Checks the command-line options that are not config fields; returns the connection string and the cluster endpoint.</summary>
    private static (string? ConnectionString, ClusterEndpoint? Endpoint) ValidateOptions(Settings settings, ConfigIssues issues)
    {
        string? connectionString = null;
        var given = string.IsNullOrWhiteSpace(settings.Connection)
            ? Environment.GetEnvironmentVariable(DatabaseSettings.ConnectionEnvironmentVariable)
            : settings.Connection;
        if (!string.IsNullOrWhiteSpace(given))
        {
            connectionString = settings.ResolveConnectionString(out var error);
            if (connectionString is null) issues.Error("--connection", $"is not usable: {error}");
        }

        if (settings.SimulatedProviders < 2) issues.Error("--simulated-providers", $"must be ≥ 2, got {settings.SimulatedProviders}.");
        if (!double.IsFinite(settings.MaxFailedShare) || settings.MaxFailedShare is < 0 or > 1)
            issues.Error("--max-failed-share", $"must be between 0 and 1, got {ConfigIssues.Show(settings.MaxFailedShare)}.");
        Positive("--connect-timeout", settings.ConnectTimeout);
        Positive("--live-within", settings.LiveWithin);
        if (!double.IsFinite(settings.AnswerMargin) || settings.AnswerMargin < 0)
            issues.Error("--answer-margin", $"must be a finite number of seconds ≥ 0, got {ConfigIssues.Show(settings.AnswerMargin)}.");
        if (!double.IsFinite(settings.SlowestRate) || settings.SlowestRate <= 0)
            issues.Error("--slowest-rate", $"must be a rate in MB/s > 0, got {ConfigIssues.Show(settings.SlowestRate)}.");
        if (settings.MinProviders < 0) issues.Error("--min-providers", $"must be ≥ 0, got {settings.MinProviders}.");
        if (!double.IsFinite(settings.DrainTimeout) || settings.DrainTimeout < 0)
            issues.Error("--drain-timeout", $"must be a finite number of seconds ≥ 0, got {ConfigIssues.Show(settings.DrainTimeout)}.");

        if (settings.Simulated)
        {
            if (settings.Gateway is not null) issues.Error("--gateway", $"cannot be combined with --simulated, got '{Excerpt.Of(settings.Gateway)}'.");
            return (connectionString, null);
        }

        IPEndPoint? gateway = null;
        if (settings.Gateway is { } text && !TryParseEndpoint(text, out gateway))
            issues.Error("--gateway", $"must be HOST:PORT with an IP address or resolvable host and a port 1..65535, got '{Excerpt.Of(text)}'.");
        if (settings.Gateway is null && connectionString is null && !issues.HasErrors && !settings.Check)
            issues.Error("--connection", $"is missing: pass --simulated, --gateway HOST:PORT, or --connection \"Host=...\" (or set {DatabaseSettings.ConnectionEnvironmentVariable}) to find the cluster.");
        return (connectionString, new ClusterEndpoint
        {
            Gateway = gateway, ConnectionString = connectionString, ClusterId = settings.ClusterId, ServiceId = settings.ServiceId,
        });

        void Positive(string option, double value)
        {
            if (!double.IsFinite(value) || value <= 0) issues.Error(option, $"must be a finite number of seconds > 0, got {ConfigIssues.Show(value)}.");
        }
    }

    internal static bool TryParseEndpoint(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return false;
        var host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
            {
                address = null;
            }
        }

        if (address is null) return false;
        endpoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>Prints every error (and the warnings) to stderr; true when there were errors.</summary>
    private static bool Report(ConfigIssues issues)
    {
        // the first few: a mangled file can have thousands of bad fields, and the first ones are what to fix first
        foreach (var error in issues.Errors.Take(10)) Console.Error.WriteLine($"error: {Excerpt.Line(error.Message)}");
        if (issues.Errors.Count > 10) Console.Error.WriteLine($"… and {issues.Errors.Count - 10} more error(s).");
        if (issues.HasErrors)
        {
            Console.Error.WriteLine($"{issues.Errors.Count} error(s) in the experiment's configuration; nothing was sent.");
            return true;
        }

        foreach (var warning in issues.Warnings.Take(5)) Console.Error.WriteLine($"warning: {Excerpt.Line(warning.Message)}");
        return false;
    }

    /// <summary>One line when PostgreSQL cannot be used for the experiment (unreachable, or not migrated).</summary>
    private static async Task<string?> CheckDatabaseAsync(NpgsqlDataSource dataSource, string connectionString, CancellationToken ct)
    {
        try
        {
            var ready = await new ExperimentStore(dataSource).HasTablesAsync(ct);
            return ready ? null : "error: the database has no experiments/transactions tables: run 'auction db migrate' first";
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return DatabaseErrors.Describe(connectionString, e);
        }
    }

    private static string ConfigJson(ExperimentConfig config, IReadOnlyList<string> providers, Settings settings) =>
        JsonSerializer.Serialize(new
        {
            format = config.Format.ToString().ToLowerInvariant(),
            config.Name,
            strategies = config.Strategies,
            config.Seed,
            requests = config.Count,
            distributions = config.Profile,
            providers,
            consumers = config.Consumers,
            concurrency = config.Concurrency,
            time_scale = config.TimeScale,
            parameters = config.Parameters,
            mode = settings.Simulated ? "simulated" : "cluster",
            simulated_providers = settings.Simulated ? config.Topology.Providers ?? settings.SimulatedProviders : (int?)null,
            topology = settings.Simulated ? config.Topology : null,
            max_failed_share = settings.MaxFailedShare,
        }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
}
