using Auction.Client.Experiments;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Tests.Unit.Client;

public sealed class FinalStatusWriterTests
{
    [Fact]
    public async Task A_database_error_is_retried_after_the_first_pause()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var write = FinalStatusWriter.WriteAsync(_ => ++attempts == 1 ? throw new TimeoutException("server away") : Task.CompletedTask, time: time);
        Assert.Equal(1, attempts); // the first attempt failed; the retry waits on the fake clock
        time.Advance(FinalStatusWriter.Pause(0));
        var outcome = await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((true, 2), (outcome.Written, outcome.Attempts));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task No_retry_is_made_whose_pause_ends_past_the_window()
    {
        // window 1 s: the first pause (0.5 s) ends within it, the second (1 s, from 0.5 s) would not
        var time = new FakeTimeProvider();
        var write = FinalStatusWriter.WriteAsync(_ => throw new TimeoutException("server away"), TimeSpan.FromSeconds(1), time);
        time.Advance(TimeSpan.FromMilliseconds(500));
        var outcome = await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(outcome.Written);
        Assert.Equal(2, outcome.Attempts);
        Assert.Equal("server away", Assert.IsType<TimeoutException>(outcome.LastError).Message);
    }

    [Fact]
    public async Task Another_error_is_not_retried()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            FinalStatusWriter.WriteAsync(_ => throw new InvalidOperationException("a bug"), time: new FakeTimeProvider()));
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(3, 4000)]
    [InlineData(4, 5000)]
    [InlineData(40, 5000)]
    public void Pauses_double_up_to_five_seconds(int retry, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), FinalStatusWriter.Pause(retry));
}
