using System.Text.RegularExpressions;
using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Unit.Parameters;

/// <summary>The one shape of the auction parameters: each declared once with its names and rule, applied field by field, checked all at once.</summary>
public sealed partial class AuctionParameterOverridesTests
{
    /// <summary>Every parameter set, each to a valid value other than its default.</summary>
    private static readonly AuctionParameterOverrides Every = new()
    {
        BeaconIntervalMs = 1, BeaconTLimitMs = 2, KUptime = 3, KLoad = 4, KStrength = 5, Tau = 6, ConsumerTau = 7, Gamma = 0.5,
        DefaultPeerFf = 9, DefaultPeerUplink = 10, DefaultPeerDownlink = 11, DefaultPeerLastPrice = 12, DefaultPeerFeedback = 0.25,
        MockRssi = 14, PhaseDeadlineMs = 15, Aggregator = AggregatorNames.Median, ConsumerMemory = 0.75,
    };

    public static TheoryData<string> Names => new(AuctionParameter.All.Select(p => p.Name));

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public void Every_settable_auction_parameter_is_declared_once_with_its_names_and_a_rule()
    {
        var settable = typeof(AuctionParameters).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(settable, AuctionParameter.All.Select(p => p.SiloName).Order(StringComparer.Ordinal));
        Assert.All(AuctionParameter.All, p => Assert.Matches(SnakeCase(), p.Name));
        Assert.Equal(AuctionParameter.All.Count, AuctionParameter.All.Select(p => p.Name).Distinct().Count());
        // names configs were written with before there was one shape
        Assert.Contains(AuctionParameter.All, p => p is { Name: "beacon_t_limit_ms", SiloName: nameof(AuctionParameters.BeaconTLimitMs) });
        Assert.Contains(AuctionParameter.All, p => p is { Name: "default_peer_ff", SiloName: nameof(AuctionParameters.DefaultPeerFf) });
    }

    [Fact]
    public void Apply_sets_every_field_given()
    {
        Assert.Equal(AuctionParameters.Default with
        {
            BeaconIntervalMs = 1, BeaconTLimitMs = 2, KUptime = 3, KLoad = 4, KStrength = 5, Tau = 6, ConsumerTau = 7, Gamma = 0.5,
            DefaultPeerFf = 9, DefaultPeerUplink = 10, DefaultPeerDownlink = 11, DefaultPeerLastPrice = 12, DefaultPeerFeedback = 0.25,
            MockRssi = 14, PhaseDeadlineMs = 15, Aggregator = AggregatorNames.Median, ConsumerMemory = 0.75,
        }, Every.ApplyTo(AuctionParameters.Default));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void One_field_given_changes_that_parameter_and_leaves_the_others_untouched(string name)
    {
        var parameter = AuctionParameter.All.Single(p => p.Name == name);
        var value = parameter.ValueIn(Every);
        Assert.True(value is not null, $"{nameof(Every)} must give {name} a valid value other than its default.");
        var only = new AuctionParameterOverrides();
        typeof(AuctionParameterOverrides).GetProperty(parameter.SiloName)!.SetValue(only, value);

        var before = AuctionParameters.Default;
        var after = only.ApplyTo(before);

        Assert.NotEqual(value, parameter.ValueIn(before));
        foreach (var other in AuctionParameter.All)
            Assert.Equal(other == parameter ? value : other.ValueIn(before), other.ValueIn(after));
    }

    [Fact]
    public void Nothing_given_changes_nothing_and_apply_leaves_its_input_alone()
    {
        var custom = Every.ApplyTo(AuctionParameters.Default);
        var copy = custom with { };

        Assert.Equal(custom, new AuctionParameterOverrides().ApplyTo(custom));
        Assert.Equal(custom with { Gamma = 0.3 }, new AuctionParameterOverrides { Gamma = 0.3 }.ApplyTo(custom));
        Assert.Equal(copy, custom);
        Assert.NotEqual(custom, AuctionParameters.Default);
    }

    [Fact]
    public void The_defaults_and_the_valid_values_keep_every_rule()
    {
        Assert.Empty(AuctionParameterOverrides.Validate(AuctionParameters.Default, ParameterPaths.Silo));
        Assert.Empty(Every.Validate(ParameterPaths.Silo));
        Assert.Empty(AuctionParameterOverrides.Validate(Every.ApplyTo(AuctionParameters.Default), ParameterPaths.Silo));
    }

    [Fact]
    public void Every_broken_rule_is_collected_with_its_path_value_and_rule()
    {
        var overrides = new AuctionParameterOverrides
        {
            KLoad = double.NaN, Tau = -1, Gamma = 2, DefaultPeerFeedback = 1.5, PhaseDeadlineMs = 0, Aggregator = "mode", ConsumerTau = 1,
        };

        Assert.Equal(
            [
                "parameters.k_load must be a finite number, got NaN.",
                "parameters.tau must be ≥ 0, got -1.",
                "parameters.gamma must be in [0, 1], got 2.",
                "parameters.default_peer_feedback must be in [0, 1], got 1.5.",
                "parameters.phase_deadline_ms must be > 0, got 0.",
                "parameters.aggregator must be one of 'zscore', 'modified-zscore', 'median', 'trimmed-mean', got \"mode\".",
            ],
            overrides.Validate(ParameterPaths.Json("parameters.")).Select(p => p.Message));
        Assert.Equal(
            ["Auction:Parameters:KLoad", "Auction:Parameters:Tau", "Auction:Parameters:Gamma", "Auction:Parameters:DefaultPeerFeedback",
             "Auction:Parameters:PhaseDeadlineMs", "Auction:Parameters:Aggregator"],
            overrides.Validate(ParameterPaths.Silo).Select(p => p.Path));
    }

    [Fact]
    public void Grains_check_a_complete_set_by_the_same_rules_naming_every_bad_parameter()
    {
        var parameters = AuctionParameters.Default with { DefaultPeerFeedback = 2, ConsumerMemory = -1 };

        var error = Assert.Throws<ArgumentException>(() => Auction.Grains.Providers.ProviderConfigValidator.ValidateParameters(parameters));
        Assert.Equal("default_peer_feedback", error.ParamName);
        Assert.StartsWith("default_peer_feedback must be in [0, 1], got 2. consumer_memory must be in [0, 1], got -1.", error.Message);
    }

    [Fact]
    public void A_long_value_is_shown_as_an_excerpt()
    {
        var problem = Assert.Single(new AuctionParameterOverrides { Aggregator = new string('x', 5000) }.Validate(ParameterPaths.Json("")));

        Assert.EndsWith($"got \"{new string('x', ValueExcerpt.MaxLength - 3)}... (5000 characters)\".", problem.Sentence);
    }
}
