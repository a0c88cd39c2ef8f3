using Auction.Client.Statistics;
using System.Globalization;
using System.Text.Json;
using Auction.Client.Bench;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Grains.Interfaces;
using Spectre.Console;

namespace Auction.Client.Commands;

/// <summary>
/// <c>bench auction --cluster</c>: joins a running cluster with the experiment command's connection code
/// (<see cref="RemoteExperimentCluster"/>: ADO.NET clustering or a static gateway), takes the live providers from the
/// registry, runs K decision-only auctions C at a time and prints latency, throughput, timeouts and the silos' memory.
/// </summary>
public static class ClusterBenchCommand
{
    /// <summary>Runs the benchmark on settings their Validate() accepted (a gateway that parses, or a database).</summary>
    public static async Task<int> ExecuteAsync(BenchAuctionSettings settings, BenchPlan plan, IAnsiConsole console, StandardStreams streams, CancellationToken cancellationToken)
    {
        var connectionString = settings.ConnectionString;
        var endpoint = settings.Endpoint(connectionString);

        RemoteExperimentCluster cluster;
        try
        {
            cluster = await RemoteExperimentCluster.ConnectAsync(endpoint, TimeSpan.FromSeconds(settings.ConnectTimeout), cancellationToken);
        }
        catch (Exception e) when (e is ClusterUnreachableException or TimeoutException)
        {
            return Fail(streams, ExitCodes.Unreachable, $"error: {e.Message}");
        }
        catch (Auction.Grains.Security.ClusterCertificateException e)
        {
            return Fail(streams, ExitCodes.BadInput, $"error: {e.Message}");
        }

        await using (cluster)
        {
            Action<string>? progress = settings.Json ? null : message => console.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
            progress?.Invoke($"connected: {cluster.Description}");
            IReadOnlyList<string>? providers;
            var issues = new ConfigIssues();
            try
            {
                var registry = cluster.Grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
                var registered = await registry.GetProviders().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                providers = ProviderSelection.Resolve(new ExperimentConfig(), registered, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(settings.LiveWithin), issues);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return Fail(streams, ExitCodes.Unreachable, $"error: the provider registry did not answer within 10 s: {e.Message}");
            }
            if (providers is null) return Fail(streams, ExitCodes.BadInput, $"error: --providers {issues.Errors[0].Message}");
            if (providers.Count < 2) return Fail(streams, ExitCodes.BadInput, $"error: the auction needs at least 2 live providers, the cluster has {providers.Count}.");

            var run = await ClusterBenchmark.RunAsync(cluster.Grains, cluster.Description, providers, plan, connectionString, progress, cancellationToken);
            if (settings.Json) console.WriteText(JsonSerializer.Serialize(new { Machine = Machine.Describe(), Plan = plan, Run = run }, BenchAuctionCommand.JsonOptions));
            else Render(console, plan, run);
            return run.Timeouts == 0 && run.MissingProviders == 0 && run.FailedAuctions == 0 ? ExitCodes.Success : ExitCodes.Failures;
        }
    }

    private static int Fail(StandardStreams streams, int code, string message)
    {
        streams.Error.WriteLine(message);
        return code;
    }

    private static void Render(IAnsiConsole console, BenchPlan plan, ClusterBenchRun r)
    {
        if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 200); // a redirected report keeps its table rows whole
        var F = BenchAuctionCommand.F;
        var machine = Machine.Describe();
        console.MarkupLine(Markup.Escape(
            $"bench auction --cluster: {r.Cluster}; {r.ProviderIds.Count} live providers, {(r.DecisionOnly ? "decision-only requests" : "full purchases with real flows")}, " +
            $"K={r.Auctions} measured (+{r.WarmupExcluded} warm-up excluded), concurrency {r.Concurrency}, seed {plan.Seed}; client: {machine.Cores} cores, {machine.Runtime}"));
        var table = new Table().Border(TableBorder.Rounded).Caption($"percentiles: {Quantiles.Definition}");
        foreach (string column in new[] { "N", "C", "decision p50 ms", "p95", "p99", "max", "≥ 100 ms", "call p50 ms", "auctions/s", "msgs/auction", "timeouts", "missing", "failed", "silo CPU ms/auction", "above idle", "load avg" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.AddRow(
            r.ProviderIds.Count.ToString(CultureInfo.InvariantCulture), r.Concurrency.ToString(CultureInfo.InvariantCulture),
            F(r.DecisionMs.P50), F(r.DecisionMs.P95), F(r.DecisionMs.P99), F(r.DecisionMs.Max),
            r.DecisionsOver100Ms.ToString(CultureInfo.InvariantCulture), F(r.CallMs.P50), F(r.AuctionsPerSecond),
            $"not counted ({r.FormulaMessagesPerAuction.ToString(CultureInfo.InvariantCulture)} by formula)",
            r.Timeouts.ToString(CultureInfo.InvariantCulture), r.MissingProviders.ToString(CultureInfo.InvariantCulture),
            r.FailedAuctions.ToString(CultureInfo.InvariantCulture), F(r.CpuMsPerAuction), F(r.CpuMsPerAuctionAboveIdle),
            r.LoadAverageBefore.ToString("0.0", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine(Markup.Escape(r.IdleCpu.Silos == 0
            ? "idle cluster CPU: not measured (--idle-seconds 0, or no silo of this cluster runs on this machine)"
            : $"idle cluster CPU: {F(r.IdleCpu.TotalMsPerSecond)} ms per second over {r.IdleCpu.WallSeconds:0.0} s, {r.IdleCpu.Silos} silos " +
              $"(provider silos together {F(r.IdleCpu.ProviderMsPerSecond)}, consumer {F(r.IdleCpu.OtherMsPerSecond)})" +
              (r.IdleCpu.Changed > 0 ? $"; {r.IdleCpu.Changed} silo(s) started or stopped in the window and are not counted" : "")));

        var memory = new Table().Border(TableBorder.Rounded).AddColumn("silo RSS (VmRSS)")
            .AddColumn(new TableColumn("provider silos").RightAligned()).AddColumn(new TableColumn("min MiB").RightAligned())
            .AddColumn(new TableColumn("median MiB").RightAligned()).AddColumn(new TableColumn("max MiB").RightAligned())
            .AddColumn(new TableColumn("provider PSS median MiB").RightAligned())
            .AddColumn(new TableColumn("consumer silo MiB").RightAligned());
        foreach (var (label, m) in new[] { ("idle (before the first auction)", r.IdleMemory), ("after the measured auctions", r.AfterMemory) })
        {
            memory.AddRow(label, m.ProviderSilos.ToString(CultureInfo.InvariantCulture), Mib(m.ProviderMinBytes), Mib(m.ProviderMedianBytes), Mib(m.ProviderMaxBytes), Mib(m.ProviderMedianPssBytes),
                m.ConsumerBytes.Count == 0 ? "–" : string.Join(", ", m.ConsumerBytes.Select(Mib)));
        }
        console.Write(memory);
        console.MarkupLine(Markup.Escape(
            "decision = request → winner known (TransactionRecord.DecidedAt − RequestedAt, the consumer grain's clock); call = Purchase round trip at the client. " +
            "msgs/auction: grain calls are counted only in-process; the formula is 2N(N−1) + 2N + 2 for decision-only auctions (2N(N−1) + 4N + 2 with flows). " +
            "silo CPU = user + system time of the silo processes on this machine over the measured auctions / K; above idle subtracts the idle cluster's CPU per second × the wall time. " +
            "Silo RSS: the Auction.Silo processes on this machine (/proc/<pid>/status VmRSS; PSS from smaps_rollup shares the pages of the runtime's files among the silos that map them" +
            (r.IdleMemory.Silos.Count == 0 ? "; none found here: the silos run elsewhere" : "") + ")."));
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
