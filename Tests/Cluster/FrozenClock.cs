namespace Auction.Tests.Cluster;

/// <summary>A wall clock that only moves when the test moves it; timers still run on real time.</summary>
public sealed class FrozenClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
