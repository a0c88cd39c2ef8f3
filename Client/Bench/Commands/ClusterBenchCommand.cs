using Auction.Client.Statistics;
using System.Globalization;
using System.Text.Json;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Grains.Interfaces;
using Spectre.Console;

namespace Auction.Client.Bench.Commands;

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

        var start = await ClusterStart.TryAsync(async () => await RemoteExperimentCluster.ConnectAsync(endpoint, TimeSpan.FromSeconds(settings.ConnectTimeout), cancellationToken));
        if (start.Cluster is not { } cluster) return streams.Fail(start.CertificateRefused ? ExitCodes.BadInput : ExitCodes.Unreachable, start.Error!);

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
                return streams.Fail(ExitCodes.Unreachable, $"error: the provider registry did not answer within 10 s: {e.Message}");
            }
            if (providers is null) return streams.Fail(ExitCodes.BadInput, $"error: --providers {issues.Errors[0].Message}");
            if (providers.Count < 2) return streams.Fail(ExitCodes.BadInput, $"error: the auction needs at least 2 live providers, the cluster has {providers.Count}.");

            var run = await ClusterBenchmark.RunAsync(cluster.Grains, cluster.Description, providers, plan, connectionString, progress, cancellationToken);
            if (settings.Json) console.WriteText(JsonSerializer.Serialize(new { Machine = Machine.Describe(), Plan = plan, Run = run }, BenchJson.Options));
            else ClusterBenchTable.Write(console, plan, run);
            return run.Timeouts == 0 && run.MissingProviders == 0 && run.FailedAuctions == 0 ? ExitCodes.Success : ExitCodes.Failures;
        }
    }
}
