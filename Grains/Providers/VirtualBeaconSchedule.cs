namespace Auction.Grains.Providers;

/// <summary>
/// A provider's beacons on a virtual clock: one every <c>intervalMs</c> of experiment time from 0, sent as the clock
/// is moved rather than on a timer. Moving the clock forward spends the ticks passed; moving it back spends none.
/// </summary>
public sealed class VirtualBeaconSchedule
{
    private readonly long _intervalMs;

    public VirtualBeaconSchedule(DateTimeOffset origin, long intervalMs, IReadOnlyList<string> peers)
    {
        if (intervalMs <= 0) throw new ArgumentOutOfRangeException(nameof(intervalMs), intervalMs, "the beacon interval must be positive.");
        _intervalMs = intervalMs;
        OriginMs = origin.ToUnixTimeMilliseconds();
        Peers = peers;
    }

    /// <summary>Experiment time 0 in Unix ms.</summary>
    public long OriginMs { get; }

    /// <summary>Whom the beacons go to, in the order a liar draws its lies for them at each tick.</summary>
    public IReadOnlyList<string> Peers { get; }

    /// <summary>Experiment time (ms) of the next beacon.</summary>
    public long NextMs { get; private set; }

    /// <summary>The beacons due up to <paramref name="experimentTimeMs"/>: the first one's experiment time and how many.</summary>
    public (long FirstMs, int Count) AdvanceTo(long experimentTimeMs)
    {
        long first = NextMs;
        if (experimentTimeMs < first) return (first, 0);
        long count = (experimentTimeMs - first) / _intervalMs + 1;
        NextMs = first + count * _intervalMs;
        return (first, checked((int)count));
    }
}
