using Auction.Client.Experiments;
using Auction.Client.Hosting;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

namespace Auction.Tests.Cluster;

/// <summary>
/// On the wall clock a provider whose link is down is not invited, so it hears of no request from the auction itself:
/// the consumer tells it the request first, and a request step that brings its link back up applies at that request,
/// as on the virtual clock.
/// </summary>
public sealed class WorldLinkBackUpTests : IDisposable
{
    private const int Seed = 3;

    private const string Json = """
        {"name": "back-up", "providers": [
          {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}},
          {"id": "provider-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 20}},
          {"id": "provider-2", "ask_price": 0.4, "claimed": {"uplink": 30, "downlink": 30}, "schedule": [
            {"at_request": 2, "link": "down"},
            {"at_request": 4, "link": "up"}]}]}
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"auction-back-up-{Guid.NewGuid():N}.json");

    public WorldLinkBackUpTests() => File.WriteAllText(_file, Json);

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData(Strategies.Auction)]
    [InlineData(Strategies.Naive)]
    public async Task A_link_brought_back_up_at_a_request_is_invited_from_that_request_on_the_wall_clock(string strategy)
    {
        var issues = new ConfigIssues();
        var world = ExperimentWorldReader.ReadFile(_file, "--world", issues)!;
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        await using var cluster = await InProcessCluster.StartAsync(new InProcessClusterOptions { Providers = WorldExpansion.Expand(world.World, Seed) });
        var runner = new ExperimentRunner(cluster.GrainFactory, new RunnerOptions
        {
            ExperimentId = Guid.NewGuid(),
            Providers = world.ProviderIds,
            TimeScale = 0,
            Clock = new WallExperimentClock(),
            World = world,
            Seed = Seed,
        }, SilentRunProgress.Instance);

        var run = await runner.RunAsync(strategy, RequestSequence.Generate(TriggerProfile.Reference, 5, Seed), CancellationToken.None, CancellationToken.None);

        Assert.Empty(run.Errors);
        // requests 2 and 3 (stored sequence 1 and 2) find the link down; request 4 brings it back
        var down = run.Records.OrderBy(r => r.Sequence)
            .Select(r => r.MissingReasons.GetValueOrDefault("provider-2", "-"))
            .ToArray();
        Assert.Equal(["-", MissingReasons.Down, MissingReasons.Down, "-", "-"], down);
    }
}
