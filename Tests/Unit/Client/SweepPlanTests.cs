using Auction.Client.Experiments;
using Auction.Client.Sweeps;

namespace Auction.Tests.Unit.Client;

/// <summary>A sweep file becomes seeds × cells of ordinary experiment configs; a bad one is refused before anything runs.</summary>
public sealed class SweepPlanTests
{
    [Fact]
    public void Axes_and_seeds_expand_to_one_experiment_per_cell_and_seed()
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Parse("""
            {
              "name": "grid",
              "seeds": { "from": 3, "to": 4 },
              "experiment": { "requests": { "count": 30 }, "parameters": { "tau": 2 } },
              "axes": [
                { "field": "topology.faulty", "values": [2, 6] },
                { "name": "decision", "values": [
                  { "label": "spec", "set": { "strategy": "auction" } },
                  { "label": "median", "set": { "strategy": "auction", "parameters.aggregator": "median" } } ] }
              ]
            }
            """, issues);

        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        Assert.Equal(8, plan!.Experiments.Count);
        Assert.Equal(["topology.faulty", "decision"], plan.AxisNames);
        var cell = plan.Experiments.Single(e => e.Seed == 4 && e.CellLabel == "topology.faulty=6 decision=median");
        Assert.Equal("""{"decision":"median","topology.faulty":6}""", cell.CellJson);
        Assert.Equal(6, cell.Config.Topology.Faulty);
        Assert.Equal("median", cell.Config.Parameters!.Aggregator);
        Assert.Equal(2, cell.Config.Parameters.Tau);
        Assert.Equal(30, cell.Config.Count);
        Assert.Equal(4, cell.Config.Seed);

        // what a report reads back of the stored config: the axes' names (a labelled axis by its name, a field axis by its field)
        var stored = System.Text.Json.JsonSerializer.Deserialize(plan.ConfigJson, Auction.Client.Reports.StoredSweepJsonContext.Default.StoredSweepJson);
        Assert.Equal(plan.AxisNames, stored!.Axes!.Select(a => a!.Name ?? a.Field));
    }

    [Fact]
    public void A_null_in_a_labelled_point_leaves_that_field_to_its_default()
    {
        var issues = new ConfigIssues();
        var plan = SweepPlan.Parse("""
            {"name": "x", "seeds": [1], "experiment": {"parameters": {"tau": 2}},
             "axes": [{"name": "d", "values": [{"label": "default tau", "set": {"parameters.tau": null}}]}]}
            """, issues);

        Assert.False(issues.HasErrors, string.Join("; ", issues.Errors));
        var single = Assert.Single(plan!.Experiments);
        var tau = single.Config.Parameters?.Tau ?? new Auction.Grains.Interfaces.Models.AuctionParameters().Tau;
        Assert.Equal(new Auction.Grains.Interfaces.Models.AuctionParameters().Tau, tau);
        Assert.NotEqual(2, tau);
    }

    [Theory]
    [InlineData("""{"name": "x", "seeds": [], "axes": []}""", "seeds must be a non-empty array")]
    [InlineData("""{"name": "x", "seeds": [1], "axes": [{"field": "topology.faulty", "values": [11]}]}""", "cell topology.faulty=11 gives a bad experiment: topology.faulty must be between 0 and the provider count 10, got 11.")]
    [InlineData("""{"name": "x", "seeds": [1], "axes": [{"field": "topology.on_off_lying", "values": [2, -1]}]}""", "cell topology.on_off_lying=-1 gives a bad experiment: topology.on_off_lying must be ≥ 0, got -1.")]
    [InlineData("""{"name": "x", "seeds": [1], "experiment": {"seed": 3}}""", "experiment.seed is set by the sweep's seeds")]
    [InlineData("""{"name": "x", "mode": "cluster", "seeds": [1], "axes": [{"field": "topology.faulty", "values": [1]}]}""", "axes[0].field cannot vary the topology in the cluster mode")]
    [InlineData("""{"seeds": [1]}""", "name must be a non-empty string")]
    public void A_bad_sweep_is_named_in_one_sentence(string json, string expected)
    {
        var issues = new ConfigIssues();
        Assert.Null(SweepPlan.Parse(json, issues));
        Assert.Contains(issues.Errors, e => e.Message.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_fields_and_wrong_types_of_a_sweep_are_named_together_by_their_paths()
    {
        var issues = new ConfigIssues();
        Assert.Null(SweepPlan.Parse("""
            {"name": "x", "mode": 3, "seeds": {"from": 1, "till": 5},
             "axes": [{"field": "strategy", "values": ["naive", {"label": "a", "set": {}, "colour": 1}]}, {"fields": "tau", "values": [1]}],
             "experiment": [1]}
            """, issues));

        Assert.Equal(
            [
                "axes[0].values[1].colour is not a known field (allowed: label, set), got 1.",
                "axes[1] needs a \"field\" (the experiment field it sets) or a \"name\" (when its values set several fields).",
                "axes[1].fields is not a known field (allowed: field, name, values), got \"tau\".",
                "experiment must be an object, got an array.",
                "mode must be a string, got 3.",
                "seeds must be a non-empty array of whole numbers or {\"from\": A, \"to\": B} with B ≥ A, got an object.",
            ],
            issues.Errors.Select(e => e.Message).Order(StringComparer.Ordinal));
    }
}
