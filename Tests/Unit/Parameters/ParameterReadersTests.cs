using System.Text.Json.Nodes;
using Auction.Client.Experiments;
using Auction.Client.Scoring;
using Auction.Client.Sweeps;
using Auction.Grains.Interfaces.Models;
using Auction.Silo.Configuration;
using Auction.Tests.Unit.Client;
using Microsoft.Extensions.Configuration;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Parameters;

/// <summary>
/// Every reader of auction parameters — a silo's settings, an experiment config, a sweep and a scenario — refuses the
/// same bad value with the same sentence, after the field's path as that reader's user wrote it.
/// </summary>
public sealed class ParameterReadersTests
{
    private const string Database = "Host=127.0.0.1;Port=5432;Username=postgres;Database=auction";

    /// <summary>The parameter's snake_case name, the bad value as JSON, the sentence every reader says after the path.</summary>
    public static TheoryData<string, string, string> BadValues => new()
    {
        // the silo took any finite number: a reputation is in [0, 1]
        { "default_peer_feedback", "1.5", "must be in [0, 1], got 1.5." },
        { "default_peer_feedback", "-0.25", "must be in [0, 1], got -0.25." },
        // three readers said it three ways
        { "aggregator", "\"mode\"", "must be one of 'zscore', 'modified-zscore', 'median', 'trimmed-mean', got \"mode\"." },
        { "tau", "-1", "must be ≥ 0, got -1." },
        { "consumer_tau", "-0.5", "must be ≥ 0, got -0.5." },
        { "k_load", "0", "must be > 0, got 0." },
        { "mock_rssi", "256", "must be in [0, 255], got 256." },
        { "default_peer_uplink", "-5", "must be ≥ 0, got -5." },
    };

    /// <summary>A setting's text as an environment variable holds it: a JSON string without its quotes, a number as written.</summary>
    private static string SiloValue(string json) => JsonNode.Parse(json) is JsonValue value && value.TryGetValue(out string? text) ? text : json;

    private static SiloSettings BoundSiloSettings(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(parameters).Build();
        return configuration.GetSection("Auction").Get<SiloSettings>() ?? new SiloSettings();
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_silo_names_the_setting(string name, string json, string sentence)
    {
        var siloName = AuctionParameter.All.Single(p => p.Name == name).SiloName;
        var settings = BoundSiloSettings([new($"Auction:Parameters:{siloName}", SiloValue(json))]);

        var error = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(settings, null));
        Assert.Equal($"Auction:Parameters:{siloName} {sentence}", error.Message);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void An_experiment_config_names_the_json_path(string name, string json, string sentence)
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse(new JsonObject { ["parameters"] = new JsonObject { [name] = JsonNode.Parse(json) } }.ToJsonString(), issues);
        ExperimentConfigValidator.Validate(config, issues);

        Assert.Equal([$"parameters.{name} {sentence}"], issues.Errors.Select(e => e.Message));
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_sweep_names_the_cell_and_the_json_path(string name, string json, string sentence)
    {
        var issues = new ConfigIssues();
        var sweep = JsonNode.Parse("""{"name": "s", "seeds": [1], "axes": [{"values": []}]}""")!;
        sweep["axes"]![0]!["field"] = $"parameters.{name}";
        sweep["axes"]![0]!["values"]!.AsArray().Add(JsonNode.Parse(json));
        var plan = SweepPlan.Parse(sweep.ToJsonString(), issues);

        Assert.Null(plan);
        var error = Assert.Single(issues.Errors);
        Assert.EndsWith($"gives a bad experiment: parameters.{name} {sentence}", error.Message);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_scenario_names_the_json_path(string name, string json, string sentence)
    {
        var scenario = JsonNode.Parse(File.ReadAllText(CliRunner.Example("scenario-3.json")))!.AsObject();
        scenario["params"]![name] = JsonNode.Parse(json);

        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(scenario.ToJsonString()));
        Assert.Equal($"params.{name} {sentence}", error.Message);
    }

    [Fact]
    public void Each_reader_names_every_bad_parameter_at_once()
    {
        var silo = Assert.Throws<SiloConfigurationException>(() => SiloPlan.From(
            BoundSiloSettings([new("Auction:Parameters:Tau", "-1"), new("Auction:Parameters:Gamma", "2")]), null));
        Assert.Equal("Auction:Parameters:Tau must be ≥ 0, got -1. Auction:Parameters:Gamma must be in [0, 1], got 2.", silo.Message);

        var issues = new ConfigIssues();
        ExperimentConfigReader.Parse("""{"parameters": {"gamma": 2, "tau": -1}}""", issues);
        Assert.Equal(["parameters.tau must be ≥ 0, got -1.", "parameters.gamma must be in [0, 1], got 2."], issues.Errors.Select(e => e.Message));

        var scenario = JsonNode.Parse(File.ReadAllText(CliRunner.Example("scenario-3.json")))!.AsObject();
        scenario["params"]!["tau"] = -1;
        scenario["params"]!["mock_rssi"] = 300;
        var scorer = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(scenario.ToJsonString()));
        Assert.Equal("params.tau must be ≥ 0, got -1. params.mock_rssi must be in [0, 255], got 300.", scorer.Message);
    }

    [Fact]
    public void The_scorer_refuses_a_parameter_it_does_not_read_instead_of_ignoring_it()
    {
        var scenario = JsonNode.Parse(File.ReadAllText(CliRunner.Example("scenario-3.json")))!.AsObject();
        scenario["params"]!["consumer_memory"] = 0.5;

        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(scenario.ToJsonString()));
        Assert.StartsWith("params.consumer_memory has no effect on the offline scorer (it reads k_uptime, k_load, k_strength, tau, consumer_tau, ", error.Message);
        Assert.EndsWith("), got 0.5.", error.Message);
    }

    [Fact]
    public void A_silo_binds_every_parameter_by_its_silo_name()
    {
        var settings = BoundSiloSettings(
        [
            new("Auction:Parameters:DefaultPeerFeedback", "0.25"), new("Auction:Parameters:Aggregator", "median"),
            new("Auction:Parameters:PhaseDeadlineMs", "1500"),
        ]);

        var provider = SiloPlan.From(settings, null).Providers[0];
        Assert.Equal(
            AuctionParameters.Default with { DefaultPeerFeedback = 0.25, Aggregator = "median", PhaseDeadlineMs = 1500 },
            provider.Parameters);
    }
}
