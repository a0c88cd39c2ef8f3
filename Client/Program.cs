using Spectre.Console.Cli;

namespace Auction.Client;

/// <summary>The client CLI: offline scoring, experiments, results and benchmarks.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Runs the CLI with the given arguments; tests call this instead of starting a process.</summary>
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("auction");
            config.PropagateExceptions();
            // Commands register here, one line each.
            config.AddBranch("bench", b => b.AddCommand<Commands.BenchAuctionCommand>("auction").WithDescription("Benchmarks the auction on an in-process silo: latency, throughput, grain messages, memory.").WithExample("bench", "auction", "--providers", "10,50,100,200", "--auctions", "200", "--concurrency", "8"));
        });
        return app.Run(args);
    }
}
