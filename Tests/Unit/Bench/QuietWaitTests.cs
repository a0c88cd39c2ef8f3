using Auction.Client.Bench;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Tests.Unit.Bench;

public sealed class QuietWaitTests
{
    [Fact]
    public async Task A_filter_without_calls_is_quiet_once_the_quiet_time_has_passed_on_its_clock()
    {
        var time = new FakeTimeProvider();
        var wait = new BenchCallFilter().WaitForQuietAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), time);
        Assert.False(wait.IsCompleted); // no time has passed on the fake clock
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_wait_gives_up_at_its_timeout()
    {
        var time = new FakeTimeProvider();
        var wait = new BenchCallFilter().WaitForQuietAsync(TimeSpan.FromHours(1), TimeSpan.FromSeconds(10), time);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
