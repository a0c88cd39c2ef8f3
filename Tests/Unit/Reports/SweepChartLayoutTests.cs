using Auction.Client.Reports;

namespace Auction.Tests.Unit.Reports;

/// <summary>The sweep chart's model: panels per adversary, one colour per decision, axes in words, ticks of a count.</summary>
public sealed class SweepChartLayoutTests
{
    private static readonly (string Label, string Strategy, string Variant)[] Decisions =
    [
        ("auction + consumer memory 0.8", "auction", "zscore+memory"),
        ("naive", "naive", "none"),
        ("auction, median", "auction", "median"),
        ("auction (specification)", "auction", "zscore"),
    ];

    /// <summary>A headline-like sweep: faulty 0..3 × liar/colluder × four decisions; the mean encodes the cell so points can be traced.</summary>
    private static SweepCellSummary[] Headline() =>
        (from faulty in new[] { 3, 0, 2, 1 }
         from adversary in new[] { "colluder", "liar" }
         from d in Decisions.Select((d, i) => (d.Label, d.Strategy, d.Variant, Index: i))
         select new SweepCellSummary(
             new Dictionary<string, string>
             {
                 ["topology.faulty"] = faulty.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 ["topology.adversary"] = adversary,
                 ["decision"] = d.Label,
             },
             d.Strategy, d.Variant,
             SampleSummary.Of([faulty / 10.0 + d.Index / 100.0 + (adversary == "liar" ? 0 : 0.5), faulty / 10.0 + d.Index / 100.0 + (adversary == "liar" ? 0 : 0.5) + 0.02]),
             null)).ToArray();

    private static SweepChartLayout Layout(SweepCellSummary[] cells, string axis = "topology.faulty") =>
        SweepChartLayout.Of("t", "faulty-win-share", c => c.FaultyWinShare, axis, cells);

    [Fact]
    public void An_adversary_axis_gives_one_panel_per_kind_with_every_decision_in_each()
    {
        var layout = Layout(Headline());
        Assert.Equal(["liars", "colluders"], layout.Panels.Select(p => p.Title));
        foreach (var panel in layout.Panels)
        {
            Assert.Equal(["naive", "auction (specification)", "auction, median", "auction + consumer memory 0.8"], panel.Series.Select(s => s.Label));
            Assert.All(panel.Series, s => Assert.Equal([0.0, 1, 2, 3], s.Points.Select(p => p.X)));
        }
        // The colluders' panel holds the colluder cells only: the median's (decision index 2) point at 2 faulty has mean 0.2 + 0.02 + 0.5 + 0.01.
        var median = layout.Panels[1].Series.Single(s => s.Label == "auction, median");
        Assert.Equal(0.73, median.Points.Single(p => p.X == 2).Mean, 9);
        Assert.Equal(["naive", "auction (specification)", "auction, median", "auction + consumer memory 0.8"], layout.Legend.Select(s => s.Label));
    }

    [Fact]
    public void A_decision_has_the_same_colour_in_every_panel_and_whatever_the_sweep_calls_it()
    {
        var headline = Layout(Headline());
        var colours = headline.Panels.SelectMany(p => p.Series).GroupBy(s => s.Label).ToDictionary(g => g.Key, g => g.Select(s => s.Style.Color).Distinct().Single());
        Assert.Equal(4, colours.Values.Distinct().Count());

        // Another sweep that names its decisions otherwise, sweeps the memory weight as a field and has one decision more.
        SweepCellSummary Cell(string strategy, string variant, string? label, string? memory) => new(
            new Dictionary<string, string> { ["topology.faulty"] = "5" }
                .Concat(label is null ? [] : [new KeyValuePair<string, string>("decision", label)])
                .Concat(memory is null ? [] : [new KeyValuePair<string, string>("parameters.consumer_memory", memory)])
                .ToDictionary(),
            strategy, variant, SampleSummary.Of([0.5]), null);
        var other = Layout([Cell("auction", "zscore+memory", "memory", null), Cell("auction", "zscore", "spec", null), Cell("naive", "none", "baseline", null)]);
        Assert.Equal([colours["naive"], colours["auction (specification)"]], other.Legend.Take(2).Select(s => s.Style.Color));
        Assert.Equal("auction + consumer memory", other.Legend[2].Label);

        var weights = Layout([Cell("auction", "zscore+memory", null, "0.80"), Cell("auction", "zscore+memory", null, "0.5")]);
        Assert.Equal(["auction + consumer memory 0.5", "auction + consumer memory 0.8"], weights.Legend.Select(s => s.Label));
        Assert.Equal(colours["auction + consumer memory 0.8"], weights.Legend[1].Style.Color);
        Assert.NotEqual(weights.Legend[0].Style.Color, weights.Legend[1].Style.Color);
    }

    [Fact]
    public void A_decision_outside_the_table_keeps_its_colour_from_figure_to_figure()
    {
        var tau = new SweepDecision("auction", "trimmed", null);
        Assert.Equal(DecisionStyles.For(tau), DecisionStyles.For(new SweepDecision("auction", "trimmed", null)));
        var known = new[] { "naive", "auction (specification)", "auction, median", "auction + consumer memory 0.8" }
            .Select(l => Layout(Headline()).Legend.Single(s => s.Label == l).Style.Color);
        Assert.DoesNotContain(DecisionStyles.For(tau).Color, known);
    }

    [Fact]
    public void Other_axes_split_a_decision_into_dashed_lines_named_by_their_values()
    {
        var cells = Headline()
            .Where(c => c.Cell["topology.adversary"] == "liar" && c.Strategy == "naive")
            .SelectMany(c => new[] { "0.5", "0.9" }.Select(tau => c with
            {
                Cell = new Dictionary<string, string>(c.Cell) { ["parameters.consumer_tau"] = tau },
            }))
            .ToArray();
        var layout = Layout(cells);
        var series = Assert.Single(layout.Panels).Series;
        Assert.Equal("liars", layout.Panels[0].Title);
        Assert.Equal(["naive, consumer τ 0.5", "naive, consumer τ 0.9"], series.Select(s => s.Label));
        Assert.Equal([0, 1], series.Select(s => s.Dash));
        Assert.Equal(series[0].Style, series[1].Style);
    }

    [Fact]
    public void A_count_on_the_x_axis_gets_a_whole_number_tick_at_each_value()
    {
        var layout = Layout(Headline());
        Assert.True(layout.IntegerX);
        Assert.Equal([0.0, 1, 2, 3], layout.XTicks!.Select(t => t.X));
        Assert.Equal(["0", "1", "2", "3"], layout.XTicks!.Select(t => t.Label));
    }

    [Fact]
    public void A_fractional_axis_is_left_to_automatic_ticks_and_a_category_axis_ticks_each_category()
    {
        SweepCellSummary Cell(string x) => new(new Dictionary<string, string> { ["parameters.consumer_memory"] = x, ["decision"] = "d" },
            "auction", "zscore", SampleSummary.Of([0.1]), null);
        var fractional = Layout([Cell("0.25"), Cell("0.5")], "parameters.consumer_memory");
        Assert.False(fractional.IntegerX);
        Assert.Null(fractional.XTicks);

        var many = Layout(Enumerable.Range(0, SweepChartLayout.MaxTickPerValue + 1).Select(i => Cell((i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray(), "parameters.consumer_memory");
        Assert.True(many.IntegerX);
        Assert.Null(many.XTicks);

        var categories = Layout(Headline(), "topology.adversary");
        Assert.False(categories.IntegerX);
        Assert.Equal(["colluder", "liar"], categories.XTicks!.Select(t => t.Label).Order(StringComparer.Ordinal));
        Assert.Single(categories.Panels);
    }

    [Theory]
    [InlineData("topology.faulty", "faulty providers")]
    [InlineData("world.reference.faulty", "faulty providers")]
    [InlineData("topology.providers", "providers")]
    [InlineData("world.reference.providers", "providers")]
    [InlineData("parameters.consumer_memory", "consumer memory")]
    [InlineData("parameters.phase_deadline_ms", "phase deadline (ms)")]
    [InlineData("parameters.default_peer_uplink", "default peer uplink (MB/s)")]
    [InlineData("world.providers[4].schedule[0].at_request", "provider 4's step at request")]
    [InlineData("world.providers[2].claimed.downlink", "downlink (MB/s)")]
    [InlineData("decision", "decision")]
    public void Axes_read_in_words_with_their_unit(string path, string words) => Assert.Equal(words, SweepAxisLabels.Axis(path));

    [Fact]
    public void The_value_axis_names_the_metric_and_what_is_drawn_of_it()
    {
        Assert.Equal("faulty-win share (mean, 95 % CI)", Layout(Headline()).YLabel);
        Assert.Equal("mean rating (mean, 95 % CI)", SweepAxisLabels.MetricAxis("mean-rating"));
        Assert.Equal("faulty providers", Layout(Headline()).XLabel);
    }

    [Fact]
    public void A_window_reads_as_request_numbers_from_one()
    {
        Assert.Equal("21–60", new RequestWindow(21, 60).ToString());
        Assert.Equal("1", new RequestWindow(1, 1).ToString());
    }
}
