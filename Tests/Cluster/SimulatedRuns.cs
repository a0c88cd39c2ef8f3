using Auction.Client.Experiments;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;

namespace Auction.Tests.Cluster;

/// <summary>A seeded experiment as <c>experiment run --simulated</c> runs it: its own in-process cluster, the virtual clock, transactions in memory.</summary>
public static class SimulatedRuns
{
    /// <summary>The reference trigger's requests, back to back: each strategy's run, in the order given, every request completed.</summary>
    public static Task<IReadOnlyDictionary<string, StrategyRun>> RunAsync(
        int seed, int requests, IReadOnlyList<string> strategies, AuctionParameters? parameters = null, SimulatedTopology? topology = null) =>
        RunAsync(new ExperimentConfig
        {
            Seed = seed, Count = requests, Strategies = strategies, Parameters = parameters, Topology = topology ?? new SimulatedTopology(), TimeScale = 0,
        });

    /// <summary>
    /// <paramref name="config"/>'s requests in its world (else the reference world of its topology), its providers
    /// asked as "all" asks them: each strategy's run, in the order given, every request completed.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, StrategyRun>> RunAsync(ExperimentConfig config)
    {
        int providers = config.Topology.Providers ?? 10;
        var world = config.World?.World ?? ReferenceTopology.World(providers, config.Topology.Faulty, config.Topology.Adversary);
        await using var cluster = await SimulatedExperimentCluster.StartAsync(
            providers, config.Seed, config.Parameters, null, TimeSpan.FromSeconds(60), CancellationToken.None, config.Topology, config.World?.World);
        var runner = new ExperimentRunner(cluster.Grains, new RunnerOptions
        {
            ExperimentId = Guid.NewGuid(),
            Providers = config.Providers ?? world.Providers.Select(p => p.Id).Order(StringComparer.Ordinal).ToArray(),
            Consumers = config.Consumers,
            Concurrency = config.Concurrency,
            TimeScale = config.TimeScale,
            Parameters = config.Parameters,
            Clock = cluster.ClockFor(DateTimeOffset.UtcNow),
            World = config.World,
            Seed = config.Seed,
        }, SilentRunProgress.Instance);
        var plan = RequestSequence.Generate(config.Profile, config.Count, config.Seed);
        var runs = new Dictionary<string, StrategyRun>(StringComparer.Ordinal);
        foreach (var strategy in config.Strategies)
        {
            var run = await runner.RunAsync(strategy, plan, CancellationToken.None, CancellationToken.None);
            Assert.Empty(run.Errors);
            Assert.Equal(config.Count, run.Records.Count);
            Assert.All(run.Records, r => Assert.Equal(TransactionOutcome.Completed, r.Outcome));
            runs[strategy] = run;
        }
        return runs;
    }
}
