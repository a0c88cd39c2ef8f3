using Auction.Grains.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Tests.Unit.Resilience;

public sealed class WaitUntilTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task Polls_until_the_condition_holds()
    {
        var calls = 0;
        var held = await WaitUntil.TrueAsync(() => ++calls == 3, Poll, TimeSpan.FromSeconds(30));
        Assert.True(held);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_condition_that_holds_at_once_is_checked_once()
    {
        var calls = 0;
        Assert.True(await WaitUntil.TrueAsync(() => ++calls > 0, TimeSpan.FromHours(1), TimeSpan.FromHours(2)));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Gives_false_when_the_timeout_passes_on_the_given_clock()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var wait = WaitUntil.TrueAsync(() => { calls++; return false; }, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), time);
        Assert.False(wait.IsCompleted); // waiting on the fake clock, which has not moved
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.InRange(calls, 1, 11);
    }

    [Fact]
    public async Task An_exception_from_the_condition_ends_the_wait()
    {
        var calls = 0;
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => WaitUntil.TrueAsync(
            () => ++calls == 2 ? throw new InvalidOperationException("broken probe") : false, Poll, TimeSpan.FromSeconds(30)));
        Assert.Equal("broken probe", e.Message);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_timeout()
    {
        using var cts = new CancellationTokenSource();
        var wait = WaitUntil.TrueAsync(() => false, TimeSpan.FromHours(1), TimeSpan.FromHours(2), cancellationToken: cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
