using Spectre.Console.Cli;

namespace Auction.Client.Bench.Commands;

/// <summary>The <c>bench</c> branch of the CLI: the one place the rest of the client names the benchmarks.</summary>
public static class BenchBranch
{
    /// <summary>Adds <c>bench auction</c> and <c>bench shaping</c> with their descriptions and examples.</summary>
    public static void Configure(IConfigurator<CommandSettings> bench)
    {
        bench.SetDescription("Benchmarks: the auction's latency, throughput and cost (bench auction); shaped vs measured link rates (bench shaping).");
        bench.AddCommand<BenchAuctionCommand>("auction")
            .WithDescription("Benchmarks the auction on an in-process silo (or a running cluster with --cluster): latency, throughput, grain messages, memory.")
            .WithExample("bench", "auction", "--providers", "10,50,100,200", "--auctions", "200", "--concurrency", "8")
            .WithExample("bench", "auction", "--cluster", "--auctions", "500", "--concurrency", "1");
        bench.AddCommand<BenchShapingCommand>("shaping")
            .WithDescription("As root: shapes a lab link with tc at each rate and measures it with iperf3 (configured vs measured MB/s); "
                             + "--changes N: how fast and how exactly the link takes a new rate in place, and an outage. "
                             + "Exit 0 ok, 1 a flow failed (or, with --changes, a change missed its rate), 2 bad input or not root.")
            .WithExample("bench", "shaping", "--rates", "1,10,50,100", "--seconds", "3")
            .WithExample("bench", "shaping", "--changes", "50", "--change-rates", "10,40");
    }
}
