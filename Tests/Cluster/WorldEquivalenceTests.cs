using System.Text.Json.Nodes;
using Auction.Client.Experiments;
using Auction.Client.Scoring;
using Auction.Client.Sweeps;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Scoring.Adversaries;
using Auction.Grains.Worlds;
using Auction.Tests.Support;

namespace Auction.Tests.Cluster;

/// <summary>
/// A run in the world <c>{"reference": {…the same topology…}}</c> stores exactly the decisions of the run without a
/// world (winner, rating, scores, final scores, request by request), for every experiment config and every sweep of
/// examples/ that does not name a world of its own, found when the tests run and read as the CLI reads them, cut to a
/// few requests and one seed: a config through <c>--world</c>, a sweep through the world's fields set by path.
/// Cluster-mode examples are compared in the simulated mode. Every file of examples/ must be read by exactly one
/// reader, so that a new example is compared here or is, by its kind, not a run without a world.
/// </summary>
public sealed class WorldEquivalenceTests : IDisposable
{
    private const int Requests = 8;
    private const int Seed = 3;
    private readonly string _folder = Directory.CreateTempSubdirectory("auction-world-equivalence-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Files of examples/ that are not JSON documents, by extension, and why none of them is a run.</summary>
    private static readonly Dictionary<string, string> NotJson = new(StringComparer.Ordinal)
    {
        [".sql"] = "a query over stored results, run with psql",
    };

    private const string ConfigKind = "an experiment config", SweepKind = "a sweep", WorldKind = "a world", ScenarioKind = "a scenario";

    /// <summary>
    /// What each JSON file of examples/ is: the kinds whose reader reads it without a problem. Worlds and scenarios
    /// are not runs: a run that names a world has no run without a world to match, a scenario is one decision (<c>score</c>).
    /// </summary>
    private static readonly Lazy<IReadOnlyList<(string Name, IReadOnlyList<string> Kinds)>> Examples = new(() =>
        Directory.GetFiles(RepositoryRoot.Combine("examples"))
            .Where(f => !NotJson.ContainsKey(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), Kinds(f)))
            .ToArray());

    private static IReadOnlyList<string> Kinds(string file)
    {
        var kinds = new List<string>();
        var issues = new ConfigIssues();
        ExperimentConfigReader.ReadFile(file, issues);
        if (!issues.HasErrors) kinds.Add(ConfigKind);
        issues = new ConfigIssues();
        if (SweepPlan.Read(file, issues) is not null && !issues.HasErrors) kinds.Add(SweepKind);
        if (WorldReader.Read(file).Problems.Count == 0) kinds.Add(WorldKind);
        try
        {
            ScenarioParser.Parse(File.ReadAllText(file));
            kinds.Add(ScenarioKind);
        }
        catch (ScenarioException)
        {
            // not a scenario
        }
        return kinds;
    }

    private static IEnumerable<string> Of(string kind) => Examples.Value.Where(e => e.Kinds.SequenceEqual([kind])).Select(e => e.Name);

    /// <summary>The example experiment configs that name no world.</summary>
    private static IEnumerable<string> ConfigNames() => Of(ConfigKind).Where(name => ReadExample(name, null).World is null);

    /// <summary>The example sweeps whose experiment names no world.</summary>
    private static IEnumerable<string> SweepNames() => Of(SweepKind).Where(name => SweepJson(name)["experiment"]?["world"] is null);

    public static TheoryData<string> ExperimentConfigs() => new(ConfigNames());

    public static TheoryData<string> Sweeps() => new(SweepNames());

    [Fact]
    public void Every_example_is_read_by_exactly_one_reader()
    {
        Assert.All(Examples.Value, e => Assert.True(e.Kinds.Count == 1,
            $"examples/{e.Name} is read {(e.Kinds.Count == 0 ? "by no reader" : $"as {string.Join(" and as ", e.Kinds)}")}: make it one of " +
            $"{ConfigKind}, {SweepKind}, {WorldKind} or {ScenarioKind} (configs and sweeps without a world are compared here), or list it as not a run."));
        Assert.All(Directory.GetFiles(RepositoryRoot.Combine("examples")), f => Assert.True(
            Path.GetExtension(f) == ".json" || NotJson.ContainsKey(Path.GetExtension(f)), $"examples/{Path.GetFileName(f)} is not JSON and not listed as not a run."));
        // the comparisons below have something to compare, the documented examples among them
        Assert.Contains("experiment.json", ConfigNames());
        Assert.Contains("reference-trigger.json", ConfigNames());
        Assert.Contains("sweep-headline.json", SweepNames());
    }

    [Theory]
    [MemberData(nameof(ExperimentConfigs))]
    public async Task Each_example_config_run_in_its_reference_world_file_decides_as_without_a_world(string example)
    {
        var without = ReadExample(example, null);
        // a provider list of ids the reference topology does not have (the reference trigger's mock-id-N, which only
        // a cluster of those names has) is asked as `--providers all`, in both runs
        var ids = ReferenceTopology.World(without.Topology.Providers ?? 10, without.Topology.Faulty, without.Topology.Adversary).Providers.Select(p => p.Id).ToArray();
        var providers = without.Providers is { } listed && !listed.All(ids.Contains) ? "all" : null;
        without = Cut(without, null, providers);
        var world = Path.Combine(_folder, "reference.json");
        File.WriteAllText(world, new JsonObject { ["name"] = "reference", ["reference"] = ReferenceOf(without.Topology) }.ToJsonString());
        // as `experiment run --world FILE` with the config's topology taken out: the world says it
        var with = Cut(without with { Topology = new SimulatedTopology() }, world);

        Assert.Equal("reference", with.World!.Name);
        AssertSameProviders(without.Topology, with.World.World);
        await AssertSameDecisionsAsync(without, with);
    }

    /// <summary>
    /// The <c>topology</c> fields of a config by the names the reference shorthand gives them: its own three, and each
    /// adversary parameter's config name by its registry name.
    /// </summary>
    private static readonly Dictionary<string, string> ReferenceNames =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["providers"] = "providers", ["faulty"] = "faulty", ["adversary"] = "adversary" }
            .Concat(AdversaryRegistry.Parameters.Select(p => KeyValuePair.Create(p.ConfigName, p.Name)))
            .ToDictionary(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Sweeps))]
    public async Task Each_example_sweep_over_its_reference_world_by_path_decides_as_over_the_topology(string example)
    {
        var original = SweepJson(example);
        original["seeds"] = new JsonArray(Seed);
        var experiment = original["experiment"]!.AsObject();
        if (experiment["requests"] is not JsonObject requests) experiment["requests"] = requests = new JsonObject();
        requests["count"] = Requests;
        experiment["time_scale"] = 0;
        // the same grid over the world's fields: the topology becomes the world's reference shorthand
        var inWorld = original.DeepClone().AsObject();
        var inWorldExperiment = inWorld["experiment"]!.AsObject();
        var reference = new JsonObject();
        foreach (var (field, value) in inWorldExperiment["topology"]?.AsObject() ?? []) reference[ReferenceName(field)] = value?.DeepClone();
        inWorldExperiment.Remove("topology");
        inWorldExperiment["world"] = new JsonObject { ["name"] = "reference", ["reference"] = reference };
        foreach (var axis in inWorld["axes"]!.AsArray().Select(a => a!.AsObject()))
        {
            if (axis["field"]?.GetValue<string>() is { } field) axis["field"] = InWorld(field);
            foreach (var point in axis["values"]!.AsArray().OfType<JsonObject>().Where(p => p["set"] is JsonObject))
            {
                var set = point["set"]!.AsObject();
                foreach (var (path, value) in set.ToArray())
                {
                    set.Remove(path);
                    set[InWorld(path)] = value;
                }
            }
        }

        var plain = Plan(original);
        var world = Plan(inWorld);
        Assert.Equal(plain.Experiments.Select(e => e.Seed), world.Experiments.Select(e => e.Seed));
        // two cells far apart in the grid: other faulty counts, adversaries and decisions
        var count = plain.Experiments.Count;
        foreach (var index in new[] { Math.Min(count - 1, count / 2 + 1), Math.Max(0, count - 2) }.Distinct())
        {
            var (without, with) = (plain.Experiments[index].Config, world.Experiments[index].Config);
            Assert.Null(without.World);
            AssertSameProviders(without.Topology, with.World!.World);
            await AssertSameDecisionsAsync(without, with);
        }
    }

    private static string ReferenceName(string topologyField) =>
        ReferenceNames.TryGetValue(topologyField, out var name)
            ? name
            : throw new Xunit.Sdk.XunitException($"topology.{topologyField} has no field in the reference shorthand (known: {string.Join(", ", ReferenceNames.Keys)}).");

    /// <summary>A sweep's field path as it reads when the topology is the world's reference shorthand.</summary>
    private static string InWorld(string path) =>
        path.StartsWith("topology.", StringComparison.Ordinal) ? "world.reference." + ReferenceName(path["topology.".Length..]) : path;

    /// <summary>The reference shorthand of a topology: its counts as given, its adversary's kind and parameters by their registry names.</summary>
    private static JsonObject ReferenceOf(SimulatedTopology topology)
    {
        var reference = new JsonObject { ["adversary"] = topology.Adversary.Kind };
        if (topology.Providers is { } providers) reference["providers"] = providers;
        if (topology.Faulty is { } faulty) reference["faulty"] = faulty;
        foreach (var (name, value) in topology.Adversary.Parameters) reference[name] = value;
        return reference;
    }

    /// <summary>The world has the topology's providers: as many, the same ones faulty, each with the topology's adversary.</summary>
    private static void AssertSameProviders(SimulatedTopology topology, World world)
    {
        var expected = ReferenceTopology.Create(topology.Providers ?? 10, faulty: topology.Faulty, adversary: topology.Adversary);
        var expanded = WorldExpansion.Expand(world);
        Assert.Equal(expected.Select(p => (p.Id, p.Faulty, p.Faulty ? p.Adversary : null)), expanded.Select(p => (p.Id, p.Faulty, p.Faulty ? p.Adversary : null)));
    }

    private static ExperimentConfig ReadExample(string example, string? world)
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.ReadFile(RepositoryRoot.Combine("examples", example), issues);
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        return Cut(config, world);
    }

    /// <summary>As <c>experiment run --count N --time-scale 0 [--world FILE] [--providers all]</c>: the virtual clock times requests by their drawn intervals either way.</summary>
    private static ExperimentConfig Cut(ExperimentConfig config, string? world, string? providers = null)
    {
        var issues = new ConfigIssues();
        config = new ExperimentOverrides { Count = Requests, TimeScale = 0, World = world, Providers = providers }.ApplyTo(config, issues);
        ExperimentConfigValidator.Validate(config, issues);
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        return config;
    }

    private static JsonObject SweepJson(string example) => JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("examples", example)))!.AsObject();

    private static SweepPlan Plan(JsonObject sweep)
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Parse(sweep.ToJsonString(), issues, RepositoryRoot.Combine("examples"));
        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        return plan!;
    }

    private static async Task AssertSameDecisionsAsync(ExperimentConfig without, ExperimentConfig with)
    {
        // two clusters of their own, run side by side: the class stays a few seconds
        var runs = await Task.WhenAll(SimulatedRuns.RunAsync(without), SimulatedRuns.RunAsync(with));
        var (expected, actual) = (runs[0], runs[1]);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var strategy in expected.Keys)
            Assert.Equal(Decisions(expected[strategy]), Decisions(actual[strategy]));
    }

    private static string[] Decisions(StrategyRun run) => run.Records.OrderBy(r => r.Sequence).Select(ExperimentReplayTests.Decision).ToArray();
}
