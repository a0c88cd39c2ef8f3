using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>The example worlds in examples/ read without a problem and change what their descriptions say.</summary>
public sealed class WorldExampleTests
{
    private static string[] ExampleNames() =>
        Directory.GetFiles(RepositoryRoot.Combine("examples"), "world-*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Examples() => new(ExampleNames());

    private static WorldTimeline Read(string name)
    {
        var reading = WorldReader.Read(RepositoryRoot.Combine("examples", name));
        Assert.True(reading.World is not null, string.Join(Environment.NewLine, reading.Messages));
        return new WorldTimeline(reading.World);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_world_reads_without_a_problem(string name)
    {
        var timeline = Read(name);

        Assert.InRange(timeline.World.Providers.Count, WorldLimits.MinProviders, WorldLimits.MaxProviders);
        Assert.Equal(timeline.World.Providers.Count, WorldExpansion.Expand(timeline.World).Count);
    }

    [Fact]
    public void There_are_the_four_documented_examples()
    {
        Assert.Equal(["world-degrading-best.json", "world-flapping-link.json", "world-liar-turns-honest.json", "world-price-war.json"], ExampleNames());
    }

    [Fact]
    public void The_example_and_the_trace_of_the_format_page_read_as_the_page_explains()
    {
        var page = File.ReadAllText(RepositoryRoot.Combine("docs", "worlds.md"));
        using var files = new WorldFiles();
        files.Write("traces/cell.csv", Block(page, "csv"));

        var reading = files.Parse(Block(page, "json"));

        Assert.True(reading.World is not null, string.Join(Environment.NewLine, reading.Messages));
        var timeline = new WorldTimeline(reading.World);
        Assert.Equal(LinkRates.Both(2), timeline.At("provider-0", 30_000, 0).State.Shaped);
        Assert.Equal([true, false, false, true], new[] { 39, 40, 44, 45 }.Select(n => timeline.At("provider-0", 0, n).State.LinkUp));
        Assert.Equal((0.5, AdversaryKinds.Liar, 2.0), Summary(timeline.At("provider-0", 30_000, 45).State));
        Assert.Equal([new LinkRates(8, 9), new LinkRates(4, 5), new LinkRates(2, 3)], new long[] { 9_999, 10_000, 25_500 }.Select(t => timeline.At("provider-1", t, 0).State.Shaped));

        static (double, string, double) Summary(ProviderState s) => (s.AskPrice, s.Behaviour.Kind, s.Shaped.Uplink);
    }

    /// <summary>The first fenced block of <paramref name="language"/> in a Markdown page.</summary>
    private static string Block(string page, string language)
    {
        var start = page.IndexOf($"```{language}\n", StringComparison.Ordinal) + language.Length + 4;
        return page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void The_degrading_world_is_the_reference_world_until_provider_4_drops_to_2_MBps_at_request_30()
    {
        var timeline = Read("world-degrading-best.json");

        var reference = Auction.Grains.Providers.ReferenceTopology.Create();
        Assert.Equal(reference.Select(p => (p.Id, p.AskPrice, p.ClaimedUplink, p.Endpoint.ShapedDownlink, p.Faulty)),
            WorldExpansion.Expand(timeline.World).Select(p => (p.Id, p.AskPrice, p.ClaimedUplink, p.Endpoint.ShapedDownlink, p.Faulty)));
        Assert.Equal(LinkRates.Both(50), timeline.At("provider-4", 0, 29).State.Shaped);
        Assert.Equal(LinkRates.Both(2), timeline.At("provider-4", 0, 30).State.Shaped);
    }

    [Fact]
    public void The_flapping_link_is_down_for_three_requests_in_every_ten_from_request_10_to_42()
    {
        var timeline = Read("world-flapping-link.json");

        var down = Enumerable.Range(1, 50).Where(n => !timeline.At("provider-3", 0, n).State.LinkUp).ToArray();

        Assert.Equal([10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42], down);
    }

    [Fact]
    public void In_the_price_war_the_two_rivals_undercut_each_other_every_minute()
    {
        var timeline = Read("world-price-war.json");

        var prices = new long[] { 0, 60_000, 120_000, 180_000, 240_000 }
            .Select(t => (timeline.At("provider-0", t, 0).State.AskPrice, timeline.At("provider-1", t, 0).State.AskPrice))
            .ToArray();

        Assert.Equal([(0.6, 0.55), (0.45, 0.55), (0.45, 0.4), (0.3, 0.4), (0.3, 0.25)], prices);
        Assert.All(prices.Skip(1), p => Assert.NotEqual(p.Item1, p.Item2));
    }

    [Fact]
    public void The_liar_turns_honest_at_request_30_and_delivers_its_claim()
    {
        var timeline = Read("world-liar-turns-honest.json");

        var before = timeline.At("provider-4", 0, 29).State;
        var after = timeline.At("provider-4", 0, 30).State;

        Assert.Equal((AdversaryKinds.Liar, 1.0), (before.Behaviour.Kind, before.Shaped.Uplink));
        Assert.Equal((AdversaryKinds.Honest, after.Claimed.Uplink), (after.Behaviour.Kind, after.Shaped.Uplink));
    }
}
