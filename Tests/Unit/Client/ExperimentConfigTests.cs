using Auction.Client.Experiments;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

public class ExperimentConfigTests
{
    private static ExperimentConfig Parse(string json, out ConfigIssues issues)
    {
        issues = new ConfigIssues();
        var config = ExperimentConfigReader.Parse(json, issues);
        ExperimentConfigValidator.Validate(config, issues);
        return config;
    }

    [Fact]
    public void The_seeds_reference_trigger_config_parses_as_is()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.ReadFile(CliRunner.Example("reference-trigger.json"), issues);
        ExperimentConfigValidator.Validate(config, issues);

        Assert.Empty(issues.Errors);
        Assert.Empty(issues.Warnings);
        Assert.Equal(ConfigFormat.Reference, config.Format);
        Assert.Equal([Strategies.Auction], config.Strategies);
        Assert.Equal(100, config.Count);
        Assert.Equal(new ClampedNormalSpec(60, 10, 30, 120), config.Profile.IntervalSeconds);
        Assert.Equal(new ClampedNormalSpec(25, 12.5, 5, 50), config.Profile.Uplink);
        Assert.Equal(new ClampedNormalSpec(0.5, 0.25, 0.1, 1), config.Profile.Price);
        Assert.Equal(new ClampedNormalSpec(2, 1, 1, 3), config.Profile.Epsilon);
        Assert.Equal(new ClampedNormalSpec(500, 250, 100, 1024), config.Profile.FlowSize);
        Assert.Equal(TriggerProfile.Reference, config.Profile);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"mock-id-{i}"), config.Providers);
        Assert.Equal(2, config.Notes.Count);
        Assert.Contains(config.Notes, n => n.StartsWith("consumer_address is ignored", StringComparison.Ordinal));
        Assert.Contains(config.Notes, n => n.StartsWith("provider_list[].address is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void The_products_example_parses_with_its_values_and_defaults_elsewhere()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.ReadFile(CliRunner.Example("experiment.json"), issues);
        ExperimentConfigValidator.Validate(config, issues);

        Assert.Empty(issues.Errors);
        Assert.Equal(ConfigFormat.Product, config.Format);
        Assert.Equal("auction-vs-naive-small", config.Name);
        Assert.Equal([Strategies.Auction, Strategies.Naive], config.Strategies);
        Assert.Equal(42, config.Seed);
        Assert.Equal(20, config.Count);
        Assert.Equal(new ClampedNormalSpec(2, 0.5, 1, 4), config.Profile.IntervalSeconds);
        Assert.Equal(new ClampedNormalSpec(5, 2, 1, 10), config.Profile.FlowSize);
        Assert.Null(config.Providers);
        Assert.Equal(1.0, config.Parameters!.ConsumerTau);
        Assert.Equal(2000, config.Parameters.PhaseDeadlineMs);
    }

    [Fact]
    public void An_empty_product_config_takes_every_reference_default()
    {
        var config = Parse("{}", out var issues);

        Assert.Empty(issues.Errors);
        Assert.Equal(TriggerProfile.Reference, config.Profile);
        Assert.Equal((100, 1, 1, 1, 1.0), (config.Count, config.Seed, config.Consumers, config.Concurrency, config.TimeScale));
        Assert.Equal([Strategies.Auction], config.Strategies);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once_with_its_path_and_value()
    {
        var config = Parse("""
            {"strategy": "auction,fastest", "buy_event_count": 0, "uplink_std_dev": -2,
             "price_lowest": 0.9, "price_highest": 0.3, "mu_mean": "abc", "delta_mean": "NaN", "epsilon_lowest": 0.5}
            """, out var issues);

        var messages = issues.Errors.Select(e => e.Message).ToArray();
        Assert.Equal(7, messages.Length);
        Assert.Contains("strategy must be auction, naive, random, cheapest, a comma list of them, 'both' or 'all', got 'auction,fastest'.", messages);
        Assert.Contains("buy_event_count must be > 0, got 0.", messages);
        Assert.Contains("uplink_std_dev must be ≥ 0, got -2.", messages);
        Assert.Contains("price_lowest must not exceed price_highest (0.3), got 0.9.", messages);
        Assert.Contains("mu_mean must be a number, got \"abc\".", messages);
        Assert.Contains("delta_mean must be a finite number, got \"NaN\".", messages);
        Assert.Contains(messages, m => m.StartsWith("epsilon_lowest must be ≥ 1", StringComparison.Ordinal) && m.EndsWith("got 0.5.", StringComparison.Ordinal));
        Assert.Equal(0, config.Count);
    }

    [Fact]
    public void Product_format_errors_name_nested_paths_and_unknown_fields()
    {
        Parse("""
            {"requests": {"count": -3, "interval_s": {"std_dev": -1}},
             "qos": {"flow_size": {"lowest": 10, "highest": 5}, "uplink": {"mean": true}, "jitter": 3},
             "consumers": 0, "providers": ["provider-0", "provider-1", "provider-0"], "parameters": {"gamma": 2}}
            """, out var issues);

        var messages = issues.Errors.Select(e => e.Message).ToArray();
        Assert.Contains("requests.count must be > 0, got -3.", messages);
        Assert.Contains("requests.interval_s.std_dev must be ≥ 0, got -1.", messages);
        Assert.Contains("qos.flow_size.lowest must not exceed qos.flow_size.highest (5), got 10.", messages);
        Assert.Contains("qos.uplink.mean must be a number, got true.", messages);
        Assert.Contains(messages, m => m.StartsWith("qos.jitter is not a known field", StringComparison.Ordinal) && m.EndsWith("got 3.", StringComparison.Ordinal));
        Assert.Contains("consumers must be ≥ 1, got 0.", messages);
        Assert.Contains("providers lists 'provider-0' 2 times.", messages);
        Assert.Contains("parameters.gamma must be in [0, 1], got 2.", messages);
        Assert.Equal(8, messages.Length);
    }

    [Fact]
    public void A_mean_outside_its_bounds_is_a_warning_not_an_error()
    {
        Parse("""{"flow_size_mean": 2000, "flow_size_lowest": 100, "flow_size_highest": 1024}""", out var issues);

        Assert.Empty(issues.Errors);
        var warning = Assert.Single(issues.Warnings);
        Assert.Equal("flow_size_mean", warning.Path);
        Assert.StartsWith("flow_size_mean is 2000, outside [100, 1024]", warning.Message);
    }

    [Fact]
    public void Command_line_overrides_win_and_are_named_by_their_option()
    {
        var issues = new ConfigIssues();
        var config = ExperimentConfigReader.ReadFile(CliRunner.Example("reference-trigger.json"), issues);
        config = new ExperimentOverrides { Strategy = "both", Seed = 9, Count = -1, Providers = "all", TimeScale = double.NaN }.ApplyTo(config, issues);
        ExperimentConfigValidator.Validate(config, issues);

        Assert.Equal([Strategies.Auction, Strategies.Naive], config.Strategies);
        Assert.Equal(9, config.Seed);
        Assert.Null(config.Providers);
        Assert.Equal(["--count must be > 0, got -1.", "--time-scale must be a finite number ≥ 0, got NaN."], issues.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("both", new[] { "auction", "naive" })]
    [InlineData("naive, auction,naive", new[] { "naive", "auction" })]
    [InlineData("all", new[] { "auction", "naive", "random", "cheapest" })]
    [InlineData("Cheapest", new[] { "cheapest" })]
    public void Strategy_lists_expand_in_order_without_duplicates(string text, string[] expected)
    {
        var issues = new ConfigIssues();
        Assert.Equal(expected, StrategyList.Parse(text, "--strategy", issues));
        Assert.Empty(issues.Errors);
    }

    [Fact]
    public void The_same_seed_gives_the_identical_sequence_and_another_seed_a_different_one()
    {
        var issues = new ConfigIssues();
        var profile = ExperimentConfigReader.ReadFile(CliRunner.Example("experiment.json"), issues).Profile;

        var first = RequestSequence.Generate(profile, 50, seed: 42);
        var again = RequestSequence.Generate(profile, 50, seed: 42);
        var other = RequestSequence.Generate(profile, 50, seed: 43);

        Assert.Equal(50, first.Count);
        Assert.Equal(first, again);
        Assert.Equal(first.Select(r => r.Interval), again.Select(r => r.Interval));
        Assert.NotEqual(first.Select(r => r.Qos), other.Select(r => r.Qos));
        Assert.True(first.Zip(other).Count(p => p.First.Qos.FlowSizeMb != p.Second.Qos.FlowSizeMb) > 40,
            "another seed should change almost every flow size");
        Assert.All(first, r =>
        {
            Assert.InRange(r.Interval.TotalSeconds, 1, 4);
            Assert.InRange(r.Qos.FlowSizeMb, 1, 10);
            Assert.InRange(r.Qos.Epsilon, 1, 3);
        });
    }

    [Fact]
    public void Providers_all_takes_the_live_ones_and_unknown_ids_are_rejected_together()
    {
        var now = DateTimeOffset.UtcNow;
        ProviderInfo[] registered = [new("provider-0", false, now), new("provider-1", true, now.AddSeconds(-5)), new("provider-2", false, now.AddMinutes(-10))];
        var issues = new ConfigIssues();

        var all = ProviderSelection.Resolve(new ExperimentConfig(), registered, now, TimeSpan.FromSeconds(60), issues);
        var listed = ProviderSelection.Resolve(new ExperimentConfig { Providers = ["provider-2", "provider-0"] }, registered, now, TimeSpan.FromSeconds(60), issues);
        var unknown = ProviderSelection.Resolve(
            new ExperimentConfig { Format = ConfigFormat.Reference, Providers = ["mock-id-0", "provider-1", "mock-id-1"] }, registered, now, TimeSpan.FromSeconds(60), issues);

        Assert.Equal(["provider-0", "provider-1"], all);
        Assert.Equal(["provider-2", "provider-0"], listed);
        Assert.Null(unknown);
        var error = Assert.Single(issues.Errors);
        Assert.Equal("provider_list names unknown provider id(s) 'mock-id-0', 'mock-id-1'; the cluster has provider-0, provider-1, provider-2.", error.Message);
    }
}
