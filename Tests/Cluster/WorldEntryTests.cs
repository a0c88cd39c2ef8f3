using System.Collections.Concurrent;
using System.Text.Json;
using Auction.Client.Experiments;
using Auction.Client.Hosting;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;
using Auction.Tests.Support;

namespace Auction.Tests.Cluster;

/// <summary>
/// Each strategy's run starts by sending every provider of the world its entry, once the virtual clock is started and
/// before the first request; a provider that refuses it stops the run with one sentence naming it. The providers'
/// answers are given here by a call filter, so what is tested is the client's side alone.
/// </summary>
public sealed class WorldEntryTests
{
    private const int Seed = 5;

    /// <summary>Answers EnterWorld in the providers' place (or refuses it for one) and records the clock and world calls each provider gets, in order.</summary>
    private sealed class EntryRecorder(string? refuse = null) : IIncomingGrainCallFilter
    {
        private static readonly string[] Recorded = [nameof(IProviderGrain.StartVirtualClock), nameof(IProviderGrain.EnterWorld), nameof(IProviderGrain.AdvanceClock)];

        public ConcurrentDictionary<string, ConcurrentQueue<string>> Calls { get; } = new(StringComparer.Ordinal);
        public ConcurrentQueue<(string Provider, WorldEntry Entry)> Entries { get; } = new();

        public Task Invoke(IIncomingGrainCallContext context)
        {
            var method = context.InterfaceMethod?.Name;
            if (context.Request.GetInterfaceType() != typeof(IProviderGrain) || !Recorded.Contains(method)) return context.Invoke();
            var provider = context.TargetId.Key.ToString()!;
            Calls.GetOrAdd(provider, _ => new ConcurrentQueue<string>()).Enqueue(method!);
            if (method != nameof(IProviderGrain.EnterWorld)) return context.Invoke();
            if (provider == refuse) throw new ArgumentException($"the world has no entry for {provider}.");
            var entry = (WorldEntry)context.Request.GetArgument(0)!;
            Entries.Enqueue((provider, entry));
            context.Result = new ProviderLinkState(1, 1, true, -1);
            return Task.CompletedTask;
        }
    }

    private static ExperimentWorld DegradingBest()
    {
        var issues = new ConfigIssues();
        var world = ExperimentWorldReader.ReadFile(CliRunner.Example("world-degrading-best.json"), "--world", issues);
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        return world!;
    }

    private static Task<InProcessCluster> StartAsync(ExperimentWorld world, EntryRecorder recorder) =>
        InProcessCluster.StartAsync(new InProcessClusterOptions
        {
            Providers = WorldExpansion.Expand(world.World, Seed),
            ConfigureSilo = silo => silo.AddIncomingGrainCallFilter(recorder),
        });

    private static ExperimentRunner Runner(InProcessCluster cluster, ExperimentWorld world, DateTimeOffset origin) => new(cluster.GrainFactory, new RunnerOptions
    {
        ExperimentId = Guid.NewGuid(),
        Providers = world.ProviderIds,
        TimeScale = 0,
        Clock = new VirtualExperimentClock(cluster.GrainFactory, origin),
        World = world,
        Seed = Seed,
    }, SilentRunProgress.Instance);

    [Fact]
    public async Task Every_provider_of_the_world_enters_it_after_the_clock_starts_and_before_each_strategys_first_request()
    {
        var world = DegradingBest();
        var recorder = new EntryRecorder();
        await using var cluster = await StartAsync(world, recorder);
        var origin = ExperimentTime.OriginAt(DateTimeOffset.UtcNow);
        var runner = Runner(cluster, world, origin);
        var plan = RequestSequence.Generate(TriggerProfile.Reference, 3, Seed);

        foreach (var strategy in new[] { Strategies.Auction, Strategies.Naive })
            Assert.Empty((await runner.RunAsync(strategy, plan, CancellationToken.None, CancellationToken.None)).Errors);

        Assert.Equal(world.ProviderIds.Order(StringComparer.Ordinal), recorder.Entries.Select(e => e.Provider).Distinct().Order(StringComparer.Ordinal));
        Assert.All(recorder.Entries, e =>
        {
            Assert.Equal(world.Source, e.Entry.World);
            Assert.Equal(new ExperimentTime(ExperimentClocks.Virtual, origin, 0, 0), e.Entry.Start);
            Assert.Equal(0, e.Entry.TimeScale);
            Assert.Equal(Seed, e.Entry.Seed);
        });
        foreach (var id in world.ProviderIds)
        {
            // consecutive clock moves collapsed: the order of start, entry and requests in each run
            var calls = recorder.Calls[id].Aggregate(new List<string>(), (order, call) =>
            {
                if (order.Count == 0 || order[^1] != call || call != nameof(IProviderGrain.AdvanceClock)) order.Add(call);
                return order;
            });
            Assert.Equal(["StartVirtualClock", "EnterWorld", "AdvanceClock", "StartVirtualClock", "EnterWorld", "AdvanceClock"], calls);
        }
    }

    [Fact]
    public async Task A_provider_that_refuses_the_world_stops_the_run_with_one_sentence_naming_it()
    {
        var world = DegradingBest();
        await using var cluster = await StartAsync(world, new EntryRecorder(refuse: "provider-3"));
        var runner = Runner(cluster, world, DateTimeOffset.UtcNow);

        var e = await Assert.ThrowsAsync<WorldEntryException>(() =>
            runner.RunAsync(Strategies.Auction, RequestSequence.Generate(TriggerProfile.Reference, 2, Seed), CancellationToken.None, CancellationToken.None));

        Assert.Equal("provider 'provider-3' could not enter the world 'degrading-best': ArgumentException: the world has no entry for provider-3.", e.Message);
    }

    [Fact]
    public async Task A_simulated_cluster_in_a_world_starts_its_providers_in_the_worlds_initial_state_and_names_it()
    {
        var world = DegradingBest();
        await using var cluster = await SimulatedExperimentCluster.StartAsync(2, Seed, null, null, TimeSpan.FromSeconds(60), CancellationToken.None, world: world.World);

        Assert.Equal("in-process simulated cluster, world 'degrading-best' (10 providers, 5 faulty at the start), transactions kept in memory", cluster.Description);
        Assert.False(cluster.Shared);
        var registered = await cluster.Grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey).GetProviders();
        Assert.Equal(world.ProviderIds.Order(StringComparer.Ordinal), registered.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>Passes once the providers take a world (IProviderGrain.EnterWorld): the whole command in the simulated mode.</summary>
    [Fact]
    public void Experiment_run_simulated_in_a_world_file_runs_every_request_and_names_the_world_in_its_summary()
    {
        var r = CliRunner.Run(null, "experiment", "run", "--simulated", "--world", CliRunner.Example("world-degrading-best.json"),
            "--strategy", "both", "--count", "35", "--time-scale", "0", "--seed", "3", "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Out);
        var experiment = json.RootElement.GetProperty("experiment");
        Assert.Equal("degrading-best", experiment.GetProperty("world").GetProperty("name").GetString());
        Assert.Equal(DegradingBest().Checksum, experiment.GetProperty("world").GetProperty("checksum").GetString());
        Assert.All(json.RootElement.GetProperty("strategies").EnumerateArray(), s => Assert.Equal(35, s.GetProperty("completed").GetInt32()));
    }
}
