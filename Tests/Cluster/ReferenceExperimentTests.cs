using Auction.Client.Experiments;
using Auction.Grains.Interfaces.Models;
using Xunit.Abstractions;

namespace Auction.Tests.Cluster;

/// <summary>
/// The reference experiment (10 providers, 5 of them faulty) with 60 seeded requests, once per strategy, as
/// <c>experiment run --simulated</c> runs it (on the virtual clock, so these figures replay exactly): the auction must
/// learn to avoid the liars, the naive strategy believes them.
/// </summary>
public sealed class ReferenceExperimentTests(ITestOutputHelper output)
{
    private const int Seed = 42;
    private const int RequestCount = 60;

    [Fact]
    public async Task Auction_avoids_faulty_providers_far_better_than_naive()
    {
        var runs = await SimulatedRuns.RunAsync(Seed, RequestCount, [Strategies.Auction, Strategies.Naive]);
        var auction = Summarise(runs[Strategies.Auction]);
        var naive = Summarise(runs[Strategies.Naive]);

        output.WriteLine($"auction: faulty-win share (requests 21-60) {auction.FaultyShare:P1}, mean rating {auction.MeanRating:F3}");
        output.WriteLine($"naive:   faulty-win share (requests 21-60) {naive.FaultyShare:P1}, mean rating {naive.MeanRating:F3}");

        Assert.True(auction.FaultyShare < naive.FaultyShare,
            $"auction's faulty share {auction.FaultyShare:P1} should be below naive's {naive.FaultyShare:P1}");
        Assert.True(auction.FaultyShare < 0.25, $"auction's faulty share {auction.FaultyShare:P1} should be below 25%");
        Assert.True(auction.MeanRating > naive.MeanRating,
            $"auction's mean rating {auction.MeanRating:F3} should beat naive's {naive.MeanRating:F3}");
    }

    private static (double FaultyShare, double MeanRating) Summarise(StrategyRun run)
    {
        var late = run.Records.Where(r => r.Sequence >= 20).ToArray();
        return (late.Count(r => r.WinnerFaulty == true) / (double)late.Length, run.Records.Average(r => r.Rating!.Value));
    }
}
