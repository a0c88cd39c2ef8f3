using System.Text.Json;
using Auction.Client.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Bench.Commands;

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
        if (settings.Json) console.WriteText(JsonSerializer.Serialize(new BenchDocument(Machine.Describe(), plan, runs), BenchJson.Options));
        else AuctionBenchTable.Write(console, plan, runs);
        return runs.All(r => r.Timeouts == 0 && r.MissingProviders == 0 && r.FailedAuctions == 0) ? ExitCodes.Success : ExitCodes.Failures;
    }

    private sealed record BenchDocument(Machine Machine, BenchPlan Plan, IReadOnlyList<BenchRun> Runs);
}
