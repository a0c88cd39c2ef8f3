using Auction.Client.Experiments;
using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Unit.Client;

public sealed class AnswerBoundTests
{
    [Fact]
    public void The_wait_is_every_phase_deadline_plus_the_flow_both_ways_at_the_slowest_rate_plus_the_margin()
    {
        var bound = new AnswerBound(TimeSpan.FromSeconds(2), SlowestRateMBps: 4, Margin: TimeSpan.FromSeconds(30));
        var qos = new Qos(0.5, 2, 3, 0.5, 0.5, 1.5, FlowSizeMb: 100);
        // 6 × 2 s + 2 × 100 MB / 4 MB/s + 30 s
        Assert.Equal(TimeSpan.FromSeconds(12 + 50 + 30), bound.For(qos));
    }

    [Fact]
    public void A_bigger_flow_waits_longer_and_nothing_waits_hours_for_a_small_one()
    {
        var bound = new AnswerBound(TimeSpan.FromSeconds(2), AnswerBound.DefaultSlowestRateMBps, TimeSpan.FromSeconds(30));
        var small = bound.For(new Qos(0.5, 2, 3, 0.5, 0.5, 1.5, 20));
        var large = bound.For(new Qos(0.5, 2, 3, 0.5, 0.5, 1.5, 1000));
        Assert.True(small < TimeSpan.FromMinutes(2), $"a 20 MB request waits {small}");
        Assert.Equal(TimeSpan.FromSeconds(2 * (1000 - 20)), large - small);
    }

    [Fact]
    public void A_failure_reason_names_what_went_wrong_in_one_line()
    {
        var reason = ExperimentRunner.Reason(new TimeoutException("no answer from consumer-0 within 82 s"), "consumer-0");
        Assert.Equal("client: no answer from consumer-0 within 82 s", reason);
        Assert.DoesNotContain('\n', ExperimentRunner.Reason(new InvalidOperationException("a\nb"), "consumer-0"));
    }
}
