using Auction.Client.Experiments;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Cluster;

/// <summary>A seeded experiment of the reference trigger as <c>experiment run --simulated</c> runs it: its own in-process cluster, the virtual clock, transactions in memory.</summary>
public static class SimulatedRuns
{
    /// <summary>Each strategy's run, in the order given, every request completed.</summary>
    public static async Task<IReadOnlyDictionary<string, StrategyRun>> RunAsync(
        int seed, int requests, IReadOnlyList<string> strategies, AuctionParameters? parameters = null, SimulatedTopology? topology = null)
    {
        int providers = topology?.Providers ?? 10;
        await using var cluster = await SimulatedExperimentCluster.StartAsync(
            providers, seed, parameters, null, TimeSpan.FromSeconds(60), CancellationToken.None, topology);
        var runner = new ExperimentRunner(cluster.Grains, new RunnerOptions
        {
            ExperimentId = Guid.NewGuid(),
            Providers = Enumerable.Range(0, providers).Select(i => $"provider-{i}").ToArray(),
            TimeScale = 0,
            Parameters = parameters,
            Clock = cluster.ClockFor(DateTimeOffset.UtcNow),
        }, SilentRunProgress.Instance);
        var plan = RequestSequence.Generate(TriggerProfile.Reference, requests, seed);
        var runs = new Dictionary<string, StrategyRun>(StringComparer.Ordinal);
        foreach (var strategy in strategies)
        {
            var run = await runner.RunAsync(strategy, plan, CancellationToken.None, CancellationToken.None);
            Assert.Empty(run.Errors);
            Assert.Equal(requests, run.Records.Count);
            Assert.All(run.Records, r => Assert.Equal(TransactionOutcome.Completed, r.Outcome));
            runs[strategy] = run;
        }
        return runs;
    }
}
