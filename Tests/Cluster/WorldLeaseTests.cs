using Auction.Client.Experiments;
using Auction.Client.Hosting;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Worlds;

namespace Auction.Tests.Cluster;

/// <summary>
/// A running cluster runs one world at a time: the experiment that brings a world holds it through the cluster's lease
/// grain until it ends, and one with another world is refused meanwhile in one sentence; a private in-process
/// cluster needs no lease.
/// </summary>
public sealed class WorldLeaseTests : IAsyncLifetime
{
    private InProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await InProcessCluster.StartAsync(new InProcessClusterOptions { Providers = ReferenceTopology.Create(2) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static ExperimentWorld World(string name, string json)
    {
        var (reading, source) = WorldSources.Parse(json, name, ".");
        Assert.Empty(reading.Problems);
        return new ExperimentWorld(reading.World!, source!);
    }

    private static readonly ExperimentWorld Small = World("small", """{"name": "small", "reference": {"providers": 2}}""");
    private static readonly ExperimentWorld Other = World("other", """{"name": "other", "reference": {"providers": 2, "faulty": 0}}""");

    /// <summary>The running cluster as the session sees it: shared with other experiments.</summary>
    private sealed class SharedCluster(IGrainFactory grains) : IExperimentCluster
    {
        public IGrainFactory Grains => grains;
        public string Description => "a shared cluster";
        public bool Shared => true;
        public bool WritesTransactions => false;
        public Task<bool> FlushAsync(TimeSpan timeout) => Task.FromResult(true);
        public IExperimentClock ClockFor(DateTimeOffset experimentStart) => new WallExperimentClock();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_experiment_with_another_world_is_refused_while_one_holds_its_world_and_runs_once_it_ended()
    {
        var shared = new SharedCluster(_cluster.GrainFactory);
        var first = Guid.NewGuid();
        var (hold, error) = await ExperimentSession.WorldLeaseAsync(shared, Small, first);
        Assert.Null(error);

        var (refused, why) = await ExperimentSession.WorldLeaseAsync(shared, Other, Guid.NewGuid());
        Assert.Null(refused);
        Assert.Equal($"error: the cluster runs world 'small' (experiment {first}) until it ends; this experiment's world 'other' differs "
                     + $"(checksum {Other.Checksum[..12]}, in force {Small.Checksum[..12]}): run it after that one ends.", why);

        var (same, sameError) = await ExperimentSession.WorldLeaseAsync(shared, Small, Guid.NewGuid());
        Assert.Null(sameError);
        await same!.DisposeAsync();
        await hold!.DisposeAsync();

        var (later, laterError) = await ExperimentSession.WorldLeaseAsync(shared, Other, Guid.NewGuid());
        Assert.Null(laterError);
        var holders = await _cluster.GrainFactory.GetGrain<IWorldLeaseGrain>(IWorldLeaseGrain.DefaultKey).Holders();
        Assert.Equal(["other"], holders.Select(h => h.WorldName));
        await later!.DisposeAsync();
        Assert.Empty(await _cluster.GrainFactory.GetGrain<IWorldLeaseGrain>(IWorldLeaseGrain.DefaultKey).Holders());
    }

    [Fact]
    public async Task A_hold_is_renewed_while_its_experiment_runs()
    {
        var experiment = Guid.NewGuid();
        await using var hold = await WorldLeaseHold.AcquireAsync(_cluster.GrainFactory, Small, experiment, renewEvery: TimeSpan.FromMilliseconds(50));
        var lease = _cluster.GrainFactory.GetGrain<IWorldLeaseGrain>(IWorldLeaseGrain.DefaultKey);
        // a release the hold does not know of: its next renewal claims the world again
        await lease.Release(experiment);

        await Support.Eventually.TrueAsync(async () => (await lease.Holders()).Any(h => h.ExperimentId == experiment), TimeSpan.FromSeconds(10),
            "the hold's renewal claims its world again");
    }

    [Fact]
    public async Task An_experiment_in_a_private_cluster_or_without_a_world_takes_no_lease()
    {
        var shared = new SharedCluster(_cluster.GrainFactory);
        await using var simulated = await SimulatedExperimentCluster.StartAsync(2, 1, null, null, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal((null, null), await ExperimentSession.WorldLeaseAsync(simulated, Small, Guid.NewGuid()));
        Assert.Equal((null, null), await ExperimentSession.WorldLeaseAsync(shared, null, Guid.NewGuid()));
        Assert.Empty(await _cluster.GrainFactory.GetGrain<IWorldLeaseGrain>(IWorldLeaseGrain.DefaultKey).Holders());
    }
}
