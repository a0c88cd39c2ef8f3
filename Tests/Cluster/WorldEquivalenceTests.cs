using System.Text.Json.Nodes;
using Auction.Client.Experiments;
using Auction.Client.Sweeps;
using Auction.Grains.Interfaces.Models;
using Auction.Tests.Support;

namespace Auction.Tests.Cluster;

/// <summary>
/// A run in the world <c>{"reference": {…the same topology…}}</c> stores exactly the decisions of the run without a
/// world (winner, rating, scores, final scores, request by request), for example configs and sweeps as the CLI reads
/// them, cut to a few requests: through <c>--world</c>, and through a sweep that sets the world's fields by path.
/// </summary>
public sealed class WorldEquivalenceTests : IDisposable
{
    private const int Requests = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("auction-world-equivalence-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_example_config_run_in_the_reference_world_file_decides_as_without_a_world()
    {
        var world = Path.Combine(_folder, "reference.json");
        File.WriteAllText(world, """{"name": "reference", "reference": {"providers": 10}}""");
        var without = Read(RepositoryRoot.Combine("examples", "experiment.json"), null);
        var with = Read(RepositoryRoot.Combine("examples", "experiment.json"), world);

        Assert.Equal("reference", with.World!.Name);
        await AssertSameDecisionsAsync(without, with);
    }

    /// <summary>The topology's fields by the names the reference shorthand gives them.</summary>
    private static readonly Dictionary<string, string> ReferenceNames = new(StringComparer.Ordinal)
    {
        ["providers"] = "providers", ["faulty"] = "faulty", ["adversary"] = "adversary",
        ["on_off_honest"] = "honest_transactions", ["on_off_lying"] = "lying_transactions",
    };

    [Theory]
    [InlineData("sweep-headline.json")]
    [InlineData("sweep-on-off.json")]
    public async Task An_example_sweep_over_the_reference_world_by_path_decides_as_over_the_topology(string example)
    {
        var original = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("examples", example)))!.AsObject();
        original["seeds"] = new JsonArray(3);
        original["experiment"]!["requests"]!["count"] = Requests;
        // the same grid over the world's fields: the topology becomes the world's reference shorthand
        var inWorld = original.DeepClone().AsObject();
        var experiment = inWorld["experiment"]!.AsObject();
        var reference = new JsonObject();
        foreach (var (field, value) in experiment["topology"]!.AsObject()) reference[ReferenceNames[field]] = value!.DeepClone();
        experiment.Remove("topology");
        experiment["world"] = new JsonObject { ["name"] = "reference", ["reference"] = reference };
        foreach (var axis in inWorld["axes"]!.AsArray().Select(a => a!.AsObject()))
            if (axis["field"]?.GetValue<string>() is { } field && field.StartsWith("topology.", StringComparison.Ordinal))
                axis["field"] = "world.reference." + ReferenceNames[field["topology.".Length..]];

        var plain = Plan(original);
        var world = Plan(inWorld);
        Assert.Equal(plain.Experiments.Count, world.Experiments.Count);
        // two cells far apart in the grid: other faulty counts, adversaries and decisions
        foreach (var index in new[] { plain.Experiments.Count / 2 + 1, plain.Experiments.Count - 2 })
        {
            Assert.Null(plain.Experiments[index].Config.World);
            Assert.Equal(plain.Experiments[index].Config.Topology.Faulty ?? 5, world.Experiments[index].Config.World!.World.Providers.Count(p => p.Initial.Behaviour.IsFaulty));
            await AssertSameDecisionsAsync(plain.Experiments[index].Config, world.Experiments[index].Config);
        }
    }

    private static ExperimentConfig Read(string file, string? world)
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.ReadFile(file, issues);
        // as `experiment run --count N --time-scale 0 --world FILE`: the virtual clock times requests by their drawn intervals either way
        config = new ExperimentOverrides { Count = Requests, TimeScale = 0, World = world }.ApplyTo(config, issues);
        ExperimentConfigValidator.Validate(config, issues);
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        return config;
    }

    private static SweepPlan Plan(JsonObject sweep)
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Parse(sweep.ToJsonString(), issues);
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        return plan!;
    }

    private static async Task AssertSameDecisionsAsync(ExperimentConfig without, ExperimentConfig with)
    {
        var expected = await SimulatedRuns.RunAsync(without);
        var actual = await SimulatedRuns.RunAsync(with);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var strategy in expected.Keys)
            Assert.Equal(Decisions(expected[strategy]), Decisions(actual[strategy]));
    }

    private static string[] Decisions(StrategyRun run) => run.Records.OrderBy(r => r.Sequence).Select(ExperimentReplayTests.Decision).ToArray();
}
