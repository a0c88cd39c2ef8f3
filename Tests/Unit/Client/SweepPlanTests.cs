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
    }

    [Theory]
    [InlineData("""{"name": "x", "seeds": [], "axes": []}""", "seeds must be a non-empty array")]
    [InlineData("""{"name": "x", "seeds": [1], "axes": [{"field": "topology.faulty", "values": [11]}]}""", "cell topology.faulty=11 gives a bad experiment: topology.faulty must be between 0 and the provider count 10, got 11.")]
    [InlineData("""{"name": "x", "seeds": [1], "experiment": {"seed": 3}}""", "experiment.seed is set by the sweep's seeds")]
    [InlineData("""{"name": "x", "mode": "cluster", "seeds": [1], "axes": [{"field": "topology.faulty", "values": [1]}]}""", "axes[0].field cannot vary the topology in the cluster mode")]
    [InlineData("""{"seeds": [1]}""", "name must be a non-empty string")]
    public void A_bad_sweep_is_named_in_one_sentence(string json, string expected)
    {
        var issues = new ConfigIssues();
        Assert.Null(SweepPlan.Parse(json, issues));
        Assert.Contains(issues.Errors, e => e.Message.StartsWith(expected, StringComparison.Ordinal));
    }
}
