using Auction.Client.Experiments;
using Auction.Grains;
using Auction.Grains.Interfaces.Models;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Tests.Unit.Client;

/// <summary>A request's experiment time on each clock, and how long a phase waits on it.</summary>
public sealed class ExperimentClockTests
{
    private static readonly TimeSpan Planned = TimeSpan.FromSeconds(125.4321);
    private static readonly TimeSpan Wall = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void On_the_virtual_clock_a_request_is_at_the_sum_of_the_drawn_intervals_whatever_the_time_scale(double timeScale) =>
        Assert.Equal(125_432, new VirtualExperimentClock(null!, DateTimeOffset.UnixEpoch).ElapsedMs(Planned, Wall, timeScale));

    [Fact]
    public void On_the_wall_clock_a_request_is_at_the_wall_time_over_the_time_scale_or_at_the_plan_when_it_is_0()
    {
        var clock = new WallExperimentClock();

        Assert.Equal(300_000, clock.ElapsedMs(Planned, Wall, 0.01));
        Assert.Equal(3_000, clock.ElapsedMs(Planned, Wall, 1));
        Assert.Equal(125_432, clock.ElapsedMs(Planned, Wall, 0));
    }

    [Fact]
    public async Task A_run_on_the_wall_clock_starts_now_to_the_millisecond_and_moves_nothing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(12_345_678));
        var clock = new WallExperimentClock(time);

        var origin = await clock.StartRunAsync(["provider-0"]);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 1, 234, TimeSpan.Zero), origin);
        Assert.True(clock.AdvanceAsync(new ExperimentTime(clock.Kind, origin, 5, 0), ["provider-0"]).IsCompletedSuccessfully);
    }

    [Fact]
    public void An_experiment_time_is_its_origin_plus_the_elapsed_milliseconds()
    {
        var time = new ExperimentTime(ExperimentClocks.Virtual, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), 61_250, 2);

        Assert.True(time.IsVirtual);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 1, 1, 250, TimeSpan.Zero), time.At);
        Assert.Equal(time.At.ToUnixTimeMilliseconds(), time.UnixMs);
        Assert.False((time with { Clock = ExperimentClocks.Wall }).IsVirtual);
    }

    [Fact]
    public void A_phase_waits_its_deadline_on_the_wall_clock_and_the_stall_bound_on_the_virtual_one()
    {
        var stall = TimeSpan.FromSeconds(60);
        var virtualTime = new ExperimentTime(ExperimentClocks.Virtual, DateTimeOffset.UnixEpoch, 0, 0);

        var wall = PhaseWait.For(null, 2_000, stall);
        var simulated = PhaseWait.For(virtualTime, 2_000, stall);

        Assert.Equal(new PhaseWait(TimeSpan.FromSeconds(2), false), wall);
        Assert.Equal(TimeSpan.FromSeconds(6), wall.Spanning(3));
        Assert.Equal(new PhaseWait(stall, true), simulated);
        Assert.Equal(stall, simulated.Spanning(3));
        Assert.Equal(2 * stall, PhaseWait.ForProvider(virtualTime, 2_000, stall).Bound);
        Assert.Equal(TimeSpan.FromSeconds(2), PhaseWait.ForProvider(virtualTime with { Clock = ExperimentClocks.Wall }, 2_000, stall).Bound);
        Assert.Equal("the simulation stalled: 1 of 3 providers did not answer BUY within 60 s of real time",
            simulated.Stalled("1 of 3 providers did not answer BUY"));
    }
}
