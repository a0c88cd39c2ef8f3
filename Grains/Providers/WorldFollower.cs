using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

namespace Auction.Grains.Providers;

/// <summary>
/// One provider's way through its world during a strategy's run: the latest experiment time and request number it
/// has seen (requests may reach it out of order; the world never goes back), the moment in force then, and when the
/// next change by the clock is due on the wall clock. Pure: the provider grain applies what it returns.
/// </summary>
public sealed class WorldFollower
{
    private readonly IReadOnlyList<long> _changeTimesMs;

    /// <param name="provider">the provider's entry in its world.</param>
    /// <param name="seed">the seed of its random draws (<see cref="WorldExpansion.SeedOf"/>).</param>
    /// <param name="entry">how the run entered the world: its clock, origin and time scale.</param>
    public WorldFollower(WorldProvider provider, int seed, WorldEntry entry)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(entry);
        Provider = provider;
        Seed = seed;
        Entry = entry;
        _changeTimesMs = WorldTimeline.ChangeTimesMs(provider);
        TimeMs = Math.Max(0, entry.Start.ElapsedMs);
        Request = Math.Max(0, entry.Start.Request);
        Applied = WorldTimeline.At(provider, TimeMs, Request);
    }

    public WorldProvider Provider { get; }
    public int Seed { get; }
    public WorldEntry Entry { get; }

    /// <summary>The latest experiment time seen, in ms.</summary>
    public long TimeMs { get; private set; }

    /// <summary>The latest request number seen (0: none yet).</summary>
    public int Request { get; private set; }

    /// <summary>The moment in force: the start's until a change is seen.</summary>
    public ProviderMoment Applied { get; private set; }

    /// <summary>Whether time steps and trace rows also apply by a timer: on the wall clock with a time scale above 0.</summary>
    public bool FollowsWallClock => Entry.Start.Clock == ExperimentClocks.Wall && Entry.TimeScale > 0 && double.IsFinite(Entry.TimeScale);

    /// <summary>Moves to <paramref name="timeMs"/> and <paramref name="request"/> (never back); the new moment, or null when nothing changed.</summary>
    public ProviderMoment? Advance(long timeMs, int request)
    {
        TimeMs = Math.Max(TimeMs, timeMs);
        Request = Math.Max(Request, request);
        var moment = WorldTimeline.At(Provider, TimeMs, Request);
        if (moment == Applied) return null;
        Applied = moment;
        return moment;
    }

    /// <summary>The next experiment time after <see cref="TimeMs"/> at which the state may change by the clock; null when none is left.</summary>
    public long? NextChangeMs()
    {
        foreach (var at in _changeTimesMs)
            if (at > TimeMs) return at;
        return null;
    }

    /// <summary>The wall time at which experiment time <paramref name="timeMs"/> comes: origin + t × time scale.</summary>
    public DateTimeOffset WallTimeOf(long timeMs) => Entry.Start.Origin + TimeSpan.FromMilliseconds(timeMs * Entry.TimeScale);
}
