using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Worlds;

namespace Auction.Tests.Unit.Providers;

/// <summary>A provider's way through its world: never back in time or requests, a change only when the state changes, the wall time of the next change.</summary>
public sealed class WorldFollowerTests
{
    private static readonly WorldProvider Provider = new("p", new ProviderState(0.2, LinkRates.Both(10), LinkRates.Both(10), true, null, Behaviour.Honest),
        Schedule:
        [
            new ScheduleStep { AtMs = 5_000, AskPrice = 0.3 },
            new ScheduleStep { AtRequest = 2, LinkUp = false },
            new ScheduleStep { AtMs = 9_000, AskPrice = 0.3 }, // changes nothing: the step index still moves
        ]);

    private static readonly DateTimeOffset Origin = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static WorldFollower Follower(string clock = ExperimentClocks.Wall, double timeScale = 0.5) =>
        new(Provider, 7, new WorldEntry(new WorldSource("w", "{}", new Dictionary<string, string>(), ""), new ExperimentTime(clock, Origin, 0, 0), timeScale, 1));

    [Fact]
    public void It_moves_forward_only_and_reports_a_moment_only_when_it_changed()
    {
        var follower = Follower();

        var moments = new[] { (1_000L, 1), (6_000L, 1), (2_000L, 1), (6_000L, 2), (7_000L, 1), (9_000L, 2) }
            .Select(t => follower.Advance(t.Item1, t.Item2)?.StepIndex).ToArray();

        Assert.Equal(new int?[] { null, 0, null, 1, null, 2 }, moments);
        Assert.Equal((9_000L, 2), (follower.TimeMs, follower.Request));
        Assert.Equal(WorldTimeline.At(Provider, 9_000, 2), follower.Applied);
    }

    [Fact]
    public void The_next_change_comes_at_origin_plus_its_time_times_the_scale()
    {
        var follower = Follower();
        var first = follower.NextChangeMs();
        follower.Advance(5_000, 0);
        var second = follower.NextChangeMs();
        follower.Advance(9_000, 0);

        Assert.Equal((5_000L, 9_000L), (first, second));
        Assert.Null(follower.NextChangeMs());
        Assert.Equal(Origin.AddMilliseconds(2_500), follower.WallTimeOf(5_000));
        Assert.True(follower.FollowsWallClock);
        Assert.False(Follower(timeScale: 0).FollowsWallClock);
        Assert.False(Follower(ExperimentClocks.Virtual).FollowsWallClock);
    }
}
