using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>The state of a provider at an experiment time and request number: time steps, request steps, traces, behaviour changes.</summary>
public sealed class WorldTimelineTests : IDisposable
{
    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    private WorldTimeline Timeline(string providers)
    {
        _files.Write("cell.csv", "time_s,uplink,downlink\n0,8,9\n10,4,5\n25.5,2,3\n");
        var reading = _files.Parse($$"""{"name": "t", "providers": [{{providers}}]}""");
        Assert.Empty(reading.Problems);
        return new WorldTimeline(reading.World!);
    }

    private const string Plain = """{"id": "plain", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}}""";

    [Fact]
    public void A_time_step_takes_effect_at_its_millisecond_and_stays()
    {
        var timeline = Timeline(Plain + """
            , {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "schedule": [
                {"at_s": 30, "shaped": {"uplink": 2, "downlink": 2}}, {"at_s": 60.25, "ask_price": 0.9}]}
            """);

        var before = timeline.At("p", 29_999, 100);
        var at = timeline.At("p", 30_000, 0);
        var later = timeline.At("p", 60_250, 0);

        Assert.Equal((LinkRates.Both(10), 0.2, -1), (before.State.Shaped, before.State.AskPrice, before.StepIndex));
        Assert.Equal((LinkRates.Both(2), 0.2, 0), (at.State.Shaped, at.State.AskPrice, at.StepIndex));
        Assert.Equal((LinkRates.Both(2), 0.9, 1), (later.State.Shaped, later.State.AskPrice, later.StepIndex));
    }

    [Fact]
    public void A_request_step_takes_effect_for_its_request_and_the_ones_after_it()
    {
        var timeline = Timeline(Plain + """
            , {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "schedule": [
                {"at_request": 40, "link": "down"},
                {"at_request": 45, "link": "up", "ask_price": 0.5, "claimed": {"uplink": 20, "downlink": 20}, "signal_strength": 200}]}
            """);

        var states = new[] { 0, 39, 40, 44, 45, 1000 }.Select(n => timeline.At("p", 0, n)).ToArray();

        Assert.Equal([true, true, false, false, true, true], states.Select(s => s.State.LinkUp));
        Assert.Equal([-1, -1, 0, 0, 1, 1], states.Select(s => s.StepIndex));
        Assert.Equal(new ProviderState(0.5, LinkRates.Both(20), LinkRates.Both(10), true, 200, Behaviour.Honest), states[4].State);
        // time alone does not reach a request step
        Assert.True(timeline.At("p", long.MaxValue / 2, 39).State.LinkUp);
    }

    [Fact]
    public void When_steps_of_both_kinds_are_in_force_the_one_written_last_wins()
    {
        var timeline = Timeline(Plain + """
            , {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "schedule": [
                {"at_request": 5, "ask_price": 0.3}, {"at_s": 10, "ask_price": 0.4}, {"at_request": 8, "ask_price": 0.5}]}
            """);

        Assert.Equal((0.3, 0), Price(timeline.At("p", 0, 5)));
        Assert.Equal((0.4, 1), Price(timeline.At("p", 10_000, 5)));
        Assert.Equal((0.5, 2), Price(timeline.At("p", 0, 8)));
        Assert.Equal((0.5, 2), Price(timeline.At("p", 10_000, 8)));

        static (double, int) Price(ProviderMoment m) => (m.State.AskPrice, m.StepIndex);
    }

    [Fact]
    public void A_trace_gives_the_shaped_rates_of_the_last_row_at_or_before_the_time()
    {
        var timeline = Timeline(Plain + """, {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "trace": "cell.csv"}""");

        Assert.Equal(
            [new LinkRates(8, 9), new LinkRates(8, 9), new LinkRates(4, 5), new LinkRates(4, 5), new LinkRates(2, 3), new LinkRates(2, 3)],
            new long[] { 0, 9_999, 10_000, 25_499, 25_500, 3_600_000 }.Select(t => timeline.At("p", t, 0).State.Shaped));
    }

    [Fact]
    public void A_liar_that_turns_honest_behaves_honestly_from_its_request_on()
    {
        var timeline = Timeline(Plain + """
            , {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 50, "downlink": 50}, "behaviour": {"kind": "liar"}, "schedule": [
                {"at_request": 30, "behaviour": {"kind": "honest"}, "shaped": {"uplink": 50, "downlink": 50}}]}
            """);

        var liar = timeline.At("p", 0, 29).State;
        var honest = timeline.At("p", 0, 30).State;

        Assert.Equal((AdversaryKinds.Liar, true, 1.0), (liar.Behaviour.Kind, liar.Behaviour.IsFaulty, liar.Shaped.Downlink));
        Assert.Equal((AdversaryKinds.Honest, false, 50.0), (honest.Behaviour.Kind, honest.Behaviour.IsFaulty, honest.Shaped.Downlink));
    }

    [Fact]
    public void The_change_times_are_the_time_steps_and_the_later_trace_rows_of_every_provider()
    {
        var timeline = Timeline("""
            {"id": "a", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "trace": "cell.csv",
             "schedule": [{"at_s": 0, "ask_price": 0.3}, {"at_request": 3, "link": "down"}, {"at_s": 10, "link": "down"}]},
            {"id": "b", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "schedule": [{"at_s": 5, "ask_price": 0.3}, {"at_s": 5, "link": "down"}]}
            """);

        Assert.Equal([0, 10_000, 25_500], timeline.ChangeTimesMs("a"));
        Assert.Equal([5_000], timeline.ChangeTimesMs("b"));
        Assert.Equal(
            [new WorldChange(0, "a"), new WorldChange(5_000, "b"), new WorldChange(10_000, "a"), new WorldChange(25_500, "a")],
            timeline.ChangeTimes());
    }

    [Fact]
    public void An_unknown_provider_or_a_negative_moment_is_refused()
    {
        var timeline = Timeline(Plain + """, {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}}""");

        Assert.Throws<ArgumentException>(() => timeline.At("nobody", 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => timeline.At("p", -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => timeline.At("p", 0, -1));
    }
}
