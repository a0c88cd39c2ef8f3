namespace Auction.Grains;

/// <summary>
/// The wall clock the protocol reads (uptime, transaction timestamps). Kept apart from the runtime's own
/// TimeProvider so that a test can freeze the protocol's time without freezing Orleans' membership and timers.
/// </summary>
public sealed class AuctionClock(TimeProvider time)
{
    public static AuctionClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset UtcNow => Time.GetUtcNow();

    public long UnixMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
