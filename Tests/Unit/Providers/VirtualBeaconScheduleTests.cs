using Auction.Grains.Providers;

namespace Auction.Tests.Unit.Providers;

public sealed class VirtualBeaconScheduleTests
{
    private static readonly DateTimeOffset Origin = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_beacons_are_due_at_experiment_time_0_and_then_one_every_interval()
    {
        var schedule = new VirtualBeaconSchedule(Origin, 10_000, ["provider-1", "provider-2"]);

        Assert.Equal((0L, 1), schedule.AdvanceTo(0));          // request 0: the beacon at 0
        Assert.Equal((10_000L, 0), schedule.AdvanceTo(9_999)); // nothing due before 10 s
        Assert.Equal((10_000L, 6), schedule.AdvanceTo(65_432)); // 10, 20, …, 60 s
        Assert.Equal(70_000, schedule.NextMs);
        Assert.Equal((70_000L, 1), schedule.AdvanceTo(70_000)); // a beacon exactly at the request's time is due
        Assert.Equal(Origin.ToUnixTimeMilliseconds(), schedule.OriginMs);
    }

    [Fact]
    public void Moving_the_clock_back_sends_nothing_and_loses_nothing()
    {
        var schedule = new VirtualBeaconSchedule(Origin, 1_000, []);
        schedule.AdvanceTo(5_500);

        Assert.Equal((6_000L, 0), schedule.AdvanceTo(2_000));
        Assert.Equal((6_000L, 2), schedule.AdvanceTo(7_000));
    }

    [Fact]
    public void A_beacon_interval_that_is_not_positive_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualBeaconSchedule(Origin, 0, []));
}
