using System.Text.Json.Nodes;
using Auction.Client.Experiments;
using Auction.Client.Sweeps;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

/// <summary>
/// An experiment's world: <c>--world FILE</c>, a config's <c>"world"</c> (a file relative to the config, or inline) and
/// a sweep's, whose cells set the world's fields by path. Bad input is named by file, field path and value, all at once.
/// </summary>
public sealed class ExperimentWorldConfigTests : IDisposable
{
    private const string TwoProviders = """
        {"name": "two", "providers": [
          {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "trace": "traces/cell.csv"},
          {"id": "provider-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 20}, "schedule": [{"at_request": 5, "link": "down"}]}]}
        """;

    private const string Trace = "time_s,uplink,downlink\n0,8,9\n10,4,5\n";

    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Errors(ConfigIssues issues) => string.Join("; ", issues.Errors);

    [Fact]
    public void A_configs_world_file_is_found_beside_the_config_and_kept_with_its_traces_and_checksum()
    {
        _files.Write("worlds/traces/cell.csv", Trace);
        var text = _files.Write("worlds/two.json", TwoProviders);
        var config = _files.Write("experiment.json", """{"world": "worlds/two.json", "requests": {"count": 3}}""");
        var issues = new ConfigIssues();

        var read = ExperimentConfigReader.ReadFile(config, issues);

        Assert.False(issues.HasErrors, Errors(issues));
        Assert.Equal("two", read.World!.Name);
        Assert.Equal(["provider-0", "provider-1"], read.World.ProviderIds);
        Assert.Equal(TwoProviders, read.World.Source.Text);
        Assert.Equal(Trace, Assert.Single(read.World.Source.Traces, t => t.Key == "traces/cell.csv").Value);
        Assert.Equal(WorldSources.Checksum(TwoProviders, read.World.Source.Traces), read.World.Checksum);
        Assert.Equal(File.ReadAllText(text), read.World.Source.Text);
    }

    [Fact]
    public void The_checksum_changes_with_a_trace_and_not_with_how_the_world_was_found()
    {
        _files.Write("traces/cell.csv", Trace);
        var file = _files.Write("two.json", TwoProviders);
        var (_, first) = WorldSources.Read(file);
        var (_, inline) = WorldSources.Parse(TwoProviders, "two", _files.Directory);
        _files.Write("traces/cell.csv", Trace.Replace("4,5", "4,6", StringComparison.Ordinal));
        var (_, changed) = WorldSources.Read(file);

        Assert.Equal(first!.Checksum, inline!.Checksum);
        Assert.NotEqual(first.Checksum, changed!.Checksum);
        Assert.Matches("^[0-9a-f]{64}$", first.Checksum);
    }

    [Fact]
    public void An_inline_world_is_read_with_its_problems_named_under_world()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse("""{"world": {"name": "r", "reference": {"providers": 3}}}""", issues);
        Assert.False(issues.HasErrors, Errors(issues));
        Assert.Equal(3, config.World!.World.Providers.Count);

        var bad = new ConfigIssues();
        ExperimentConfigReader.Parse("""{"world": {"name": "", "providers": [{"id": "provider-0", "ask_price": 1.5, "claimed": {"uplink": 1, "downlink": 1}}]}}""", bad);
        Assert.Equal(
        [
            "world.name must not be empty, got \"\".",
            "world.providers must list at least 2 providers, got 1.",
            "world.providers[0].ask_price must be a price in (0, 1], got 1.5.",
        ], bad.Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_bad_world_file_names_the_file_the_field_path_and_the_value_of_every_problem()
    {
        var world = _files.Write("bad.json", """
            {"name": "bad", "providers": [
              {"id": "provider-0", "ask_price": 1.5, "claimed": {"uplink": 10, "downlink": 10}},
              {"id": "provider-0", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 20}}]}
            """);
        var issues = new ConfigIssues();

        new ExperimentOverrides { World = world }.ApplyTo(new ExperimentConfig(), issues);

        Assert.Equal(
        [
            $"{world}: providers[0].ask_price must be a price in (0, 1], got 1.5.",
            $"{world}: providers[1].id must be unique, got \"provider-0\", the id of providers[0] too.",
        ], issues.Errors.Select(e => e.Message));
        Assert.All(issues.Errors, e => Assert.Equal("--world", e.Path));
    }

    [Theory]
    [InlineData("""{"world": {"name": "r", "reference": {}}, "topology": {"faulty": 2}}""",
        "world cannot be given together with topology: the world says which providers exist (its \"reference\": {…} is the reference topology), got both.")]
    [InlineData("""{"world": 5}""", "world must be a world file's path (relative to the config's folder) or a world object, got 5.")]
    [InlineData("""{"world": {"name": "r", "reference": {"providers": 4}}, "providers": ["provider-1", "provider-7"]}""",
        "providers names 'provider-7', not a provider of the world 'r'.")]
    public void A_world_that_does_not_fit_the_config_is_refused_in_one_sentence(string json, string expected)
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse(json, issues);
        ExperimentConfigValidator.Validate(config, issues);

        Assert.Equal([expected], issues.Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_world_option_with_a_configs_topology_is_refused()
    {
        var world = _files.Write("r.json", """{"name": "r", "reference": {}}""");
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse("""{"topology": {"providers": 4}}""", issues);

        new ExperimentOverrides { World = world }.ApplyTo(config, issues);

        Assert.StartsWith("--world cannot be given together with the config's topology", Assert.Single(issues.Errors).Message);
    }

    [Fact]
    public void With_a_world_all_providers_are_the_worlds_and_one_the_cluster_lacks_is_named()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse("""{"world": {"name": "r", "reference": {"providers": 3}}}""", issues);
        var now = DateTimeOffset.UtcNow;
        ProviderInfo Info(string id) => new(id, false, now);

        var all = ProviderSelection.Resolve(config, [Info("provider-2"), Info("provider-0"), Info("provider-1"), Info("provider-9")], now, TimeSpan.FromSeconds(60), issues);
        Assert.Equal(["provider-0", "provider-1", "provider-2"], all);

        var none = ProviderSelection.Resolve(config, [Info("provider-0"), Info("provider-1")], now, TimeSpan.FromSeconds(60), issues);
        Assert.Null(none);
        Assert.Equal(["world 'r' has provider(s) 'provider-2' that the cluster does not have; it has provider-0, provider-1."], issues.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Experiment_run_check_with_a_bad_world_exits_2_naming_every_problem_and_with_a_good_one_names_the_world()
    {
        var bad = _files.Write("bad.json", """{"name": "bad", "providers": [{"id": "Provider 0", "ask_price": 0}, {"id": "provider-1"}]}""");
        var r = CliRunner.Run(null, "experiment", "run", "--simulated", "--check", "--world", bad);

        Assert.Equal(2, r.ExitCode);
        var errors = r.Error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length >= 4, r.Error);
        Assert.All(errors, e => Assert.StartsWith($"error: {bad}: providers[", e));
        Assert.Contains($"error: {bad}: providers[0].ask_price must be a price in (0, 1], got 0.", errors);

        var good = CliRunner.Run(null, "experiment", "run", "--simulated", "--check", "--world", CliRunner.Example("world-degrading-best.json"));
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains("world 'degrading-best' (10 providers, checksum ", good.Out);
    }

    private SweepPlan? Sweep(string axes, ConfigIssues issues)
    {
        _files.Write("worlds/degrading.json", File.ReadAllText(CliRunner.Example("world-degrading-best.json")));
        var sweep = _files.Write("sweep.json", $$$"""
            {"name": "degrading", "seeds": [1, 2], "experiment": {"world": "worlds/degrading.json", "requests": {"count": 5}}, "axes": [{{{axes}}}]}
            """);
        return SweepPlan.Read(sweep, issues);
    }

    [Fact]
    public void A_sweep_sets_a_world_field_by_its_path_in_every_cell()
    {
        var issues = new ConfigIssues();
        var plan = Sweep("""{"field": "world.providers[4].schedule[0].at_request", "values": [10, 50]}""", issues);

        Assert.False(issues.HasErrors, Errors(issues));
        Assert.Equal(4, plan!.Experiments.Count);
        var steps = plan.Experiments.Select(e => e.Config.World!.World.Providers[4].Schedule[0].AtRequest).ToArray();
        Assert.Equal([10, 10, 50, 50], steps);
        Assert.NotEqual(plan.Experiments[0].Config.World!.Checksum, plan.Experiments[2].Config.World!.Checksum);
        // the stored config holds the world as the cell ran it
        var stored = JsonNode.Parse(plan.Experiments[2].ConfigJson)!;
        Assert.Equal(50, stored["world"]!["providers"]![4]!["schedule"]![0]!["at_request"]!.GetValue<int>());
        Assert.Equal("degrading-best", stored["world"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_sweep_cell_that_makes_the_world_bad_is_named_with_the_world_file_and_the_path()
    {
        var issues = new ConfigIssues();
        Assert.Null(Sweep("""{"field": "world.providers[4].schedule[0].at_request", "values": [0]}""", issues));

        var error = Assert.Single(issues.Errors).Message;
        Assert.Equal($"cell world.providers[4].schedule[0].at_request=0 gives a bad experiment: {Path.Combine(_files.Directory, "worlds/degrading.json")}: "
                     + "world.providers[4].schedule[0].at_request must be a request number ≥ 1 (requests are counted from 1), got 0.", error);
    }

    [Theory]
    [InlineData("world.providers[12].ask_price", "cannot set world.providers[12].ask_price: it names world.providers[12], but world.providers has 10 element(s).")]
    [InlineData("world.name[0]", "cannot set world.name[0]: it goes through world.name, which is not an array.")]
    [InlineData("world.providers[x]", "cannot set world.providers[x]: it is not a field path (names, each optionally followed by [index], joined by dots), got 'world.providers[x]'.")]
    public void A_sweep_path_that_names_nothing_in_the_world_is_refused(string path, string expected)
    {
        var issues = new ConfigIssues();
        Assert.Null(Sweep($$"""{"field": "{{path}}", "values": [1]}""", issues));

        Assert.Equal($"cell {path}=1 {expected}", Assert.Single(issues.Errors).Message);
    }

    [Fact]
    public void The_degradation_example_sweep_degrades_provider_4_at_each_request_of_its_axis()
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Read(CliRunner.Example("sweep-degradation.json"), issues);

        Assert.False(issues.HasErrors, Errors(issues));
        Assert.Equal(3 * 2 * 5, plan!.Experiments.Count);
        Assert.Equal([10, 30, 50], plan.Experiments.Select(e => e.Config.World!.World.Providers[4].Schedule[0].AtRequest).Distinct());
        Assert.All(plan.Experiments, e => Assert.Equal("degrading-best", e.Config.World!.Name));
    }

    [Fact]
    public void The_degradation_lab_cell_and_its_twin_run_the_same_experiments_in_a_lab_and_simulated()
    {
        var issues = new ConfigIssues();
        var lab = SweepPlan.Read(CliRunner.Example("sweep-degradation-lab-cell.json"), issues);
        var twin = SweepPlan.Read(CliRunner.Example("sweep-degradation-lab-twin.json"), issues);

        Assert.False(issues.HasErrors, Errors(issues));
        Assert.Equal((SweepPlan.Cluster, SweepPlan.Simulated), (lab!.Mode, twin!.Mode));
        Assert.Equal(2 * 5, lab.Experiments.Count);
        // the same cells, seeds and experiment configs, world included: a twin differs only in its mode (and the
        // experiments' names, which carry the sweep's)
        Assert.Equal(lab.Experiments.Select(Unnamed), twin.Experiments.Select(Unnamed));
        Assert.All(lab.Experiments, e =>
        {
            Assert.Equal(30, e.Config.World!.World.Providers[4].Schedule[0].AtRequest);
            // flows short enough for real links: a 4 MB flow at the liars' 1 MB/s lasts 4 s
            Assert.True(e.Config.Profile.FlowSize.Highest <= 4, $"flow_size.highest is {e.Config.Profile.FlowSize.Highest} MB");
        });

        static (string Cell, int Seed, string Config) Unnamed(SweepExperiment e)
        {
            var config = JsonNode.Parse(e.ConfigJson)!.AsObject();
            Assert.True(config.Remove("name"), "an experiment config without a name");
            return (e.CellJson, e.Seed, config.ToJsonString());
        }
    }
}
