using Auction.Client.Experiments;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Tests.Unit.Client;

/// <summary>The experiment config's DTO reading: unknown fields and wrong types named by their path, all of them at once.</summary>
public class ExperimentConfigJsonTests
{
    private static string[] Errors(string json)
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse(json, issues);
        ExperimentConfigValidator.Validate(config, issues);
        return issues.Errors.Select(e => e.Message).ToArray();
    }

    [Fact]
    public void An_unknown_field_is_refused_with_its_path_even_inside_a_distribution()
    {
        var message = Assert.Single(Errors("""{"qos": {"uplink": {"mean": 20, "median": 19}}}"""));

        Assert.Equal("qos.uplink.median is not a known field (allowed: highest, lowest, mean, std_dev), got 19.", message);
    }

    [Fact]
    public void A_wrong_type_is_named_with_its_path_and_value_not_a_serializer_message()
    {
        Assert.Equal(["requests.count must be a whole number between -2147483648 and 2147483647, got \"ten\"."], Errors("""{"requests": {"count": "ten"}}"""));
        Assert.Equal(["topology must be an object, got an array."], Errors("""{"topology": [1]}"""));
        Assert.Equal(["parameters.phase_deadline_ms must be a whole number of milliseconds, got 2.5."], Errors("""{"parameters": {"phase_deadline_ms": 2.5}}"""));
        Assert.Equal(["provider_list[1].provider_id must be a string, got 7."], Errors("""{"provider_list": [{"provider_id": "a"}, {"provider_id": 7}, {"provider_id": "b"}]}"""));
        Assert.Equal(["the config must be an object, got an array."], Errors("[1, 2]"));
    }

    [Fact]
    public void Several_problems_of_every_kind_are_reported_together()
    {
        var messages = Errors("""
            {"name": 5, "requests": {"count": 1.5, "interval_s": "often"}, "qos": {"price": {"mean": "x", "lowest": 2, "highest": 1}},
             "providers": ["p-0", 3], "colour": "blue", "topology": {"adversary": "sneaky", "on_off_lying": -1},
             "parameters": {"aggregator": "mode", "tau": true}}
            """);

        Assert.Equal(
            [
                "colour is not a known field (allowed: concurrency, consumers, name, parameters, providers, qos, requests, seed, strategy, time_scale, topology, world), got \"blue\".",
                "name must be a string, got 5.",
                "parameters.aggregator must be one of 'zscore', 'modified-zscore', 'median', 'trimmed-mean', got \"mode\".",
                "parameters.tau must be a number, got true.",
                "providers must be \"all\" or an array of provider ids, got an array.",
                "qos.price.lowest must not exceed qos.price.highest (1), got 2.",
                "qos.price.mean must be a number, got \"x\".",
                "requests.count must be a whole number between -2147483648 and 2147483647, got 1.5.",
                "requests.interval_s must be a number or an object {\"mean\", \"std_dev\", \"lowest\", \"highest\"}, got \"often\".",
                "topology.adversary must be one of liar, colluder, on-off, got \"sneaky\".",
                "topology.on_off_lying must be ≥ 0, got -1.",
            ],
            messages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Whole_numbers_may_carry_a_zero_fraction_and_null_reads_as_absent()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse("""{"requests": {"count": 20.0}, "seed": null, "qos": {"price": 0.4}, "parameters": {"beacon_t_limit_ms": 40000.0}}""", issues);

        Assert.Empty(issues.Errors);
        Assert.Equal((20, 1), (config.Count, config.Seed));
        Assert.Equal(new Auction.Grains.Experiments.ClampedNormalSpec(0.4, 0, 0.4, 0.4), config.Profile.Price);
        Assert.Equal(40_000, config.Parameters!.BeaconTLimitMs);
    }

    [Fact]
    public void Every_auction_parameter_is_read_by_its_snake_case_name()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse("""
            {"parameters": {"beacon_interval_ms": 1, "beacon_t_limit_ms": 2, "k_uptime": 3, "k_load": 4, "k_strength": 5, "tau": 6,
             "consumer_tau": 7, "gamma": 0.5, "default_peer_ff": 9, "default_peer_uplink": 10, "default_peer_downlink": 11,
             "default_peer_last_price": 12, "default_peer_feedback": 0.25, "mock_rssi": 14, "phase_deadline_ms": 15,
             "aggregator": "median", "consumer_memory": 0.75}}
            """, issues);

        Assert.Empty(issues.Errors);
        Assert.Equal(AuctionParameters.Default with
        {
            BeaconIntervalMs = 1, BeaconTLimitMs = 2, KUptime = 3, KLoad = 4, KStrength = 5, Tau = 6, ConsumerTau = 7, Gamma = 0.5,
            DefaultPeerFf = 9, DefaultPeerUplink = 10, DefaultPeerDownlink = 11, DefaultPeerLastPrice = 12, DefaultPeerFeedback = 0.25,
            MockRssi = 14, PhaseDeadlineMs = 15, Aggregator = AggregatorNames.Median, ConsumerMemory = 0.75,
        }, config.Parameters);
    }

    [Fact]
    public void The_topologys_adversary_and_its_parameters_are_read_by_their_config_names()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse("""
            {"topology": {"providers": 6, "faulty": 2, "adversary": "on-off", "on_off_honest": 5, "on_off_lying": 3.0}}
            """, issues);
        var absent = ExperimentConfigReader.Parse("""{"topology": {"adversary": "on-off", "on_off_honest": null}}""", issues);

        Assert.Empty(issues.Errors);
        Assert.Equal((6, 2), (config.Topology.Providers, config.Topology.Faulty));
        Assert.Equal(AdversaryRegistry.OnOff.Settings(new Dictionary<string, int> { ["honest_transactions"] = 5, ["lying_transactions"] = 3 }), config.Topology.Adversary);
        Assert.Equal("on-off(20/∞)", AdversaryRegistry.DisplayName(absent.Topology.Adversary));
    }

    [Fact]
    public void A_topology_field_that_no_adversary_kind_has_or_a_parameter_that_is_not_a_whole_number_is_named_with_its_value()
    {
        Assert.Equal(
            [
                "topology.colour is not a known field (allowed: adversary, faulty, on_off_honest, on_off_lying, providers), got \"blue\".",
                "topology.on_off_honest must be a whole number between -2147483648 and 2147483647, got 2.5.",
                "topology.on_off_lying must be a whole number between -2147483648 and 2147483647, got \"ten\".",
            ],
            Errors("""{"topology": {"on_off_honest": 2.5, "colour": "blue", "on_off_lying": "ten"}}""").Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> AdversaryParameters() => new(AdversaryRegistry.Parameters.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(AdversaryParameters))]
    public void Every_adversary_parameter_is_checked_under_its_config_name(string name)
    {
        var kind = AdversaryRegistry.Kinds.Single(k => k.Parameter(name) is not null);
        var parameter = kind.Parameter(name)!;

        Assert.Equal(
            [$"topology.{parameter.ConfigName} must be ≥ {parameter.Minimum}, got {parameter.Minimum - 1}."],
            Errors($$"""{"topology": {"adversary": "{{kind.Name}}", "{{parameter.ConfigName}}": {{parameter.Minimum - 1}} } }"""));
        Assert.Empty(Errors($$"""{"topology": {"adversary": "{{kind.Name}}", "{{parameter.ConfigName}}": {{parameter.Minimum}} } }"""));
    }

    [Fact]
    public void The_original_prototypes_address_fields_are_accepted_and_noted_as_ignored()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse("""
            {"consumer_address": {"host": "10.0.0.1"}, "provider_list": [{"provider_id": "a", "address": "x:1"}, {"address": "y:2"}],
             // comments and a trailing comma are allowed, as before
             "buy_event_count": 3,}
            """, issues);

        Assert.Equal(["provider_list[1].provider_id is required but missing."], issues.Errors.Select(e => e.Message));
        Assert.Equal(["a"], config.Providers);
        Assert.Equal(3, config.Count);
        Assert.Equal(2, config.Notes.Count);
    }
}
