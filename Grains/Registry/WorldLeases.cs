using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Registry;

/// <summary>
/// The holds on a running cluster's world: each experiment's claim lapses <see cref="HoldFor"/> after it was last
/// made, and a claim is granted only while every live hold is on a world of the same checksum.
/// </summary>
public sealed class WorldLeases
{
    /// <summary>How long a hold lasts without being renewed: as long as an experiment whose client stopped beating takes to read as abandoned.</summary>
    public static readonly TimeSpan HoldFor = Persistence.ExperimentStore.AbandonedAfter;

    private readonly Dictionary<Guid, (WorldLeaseClaim Claim, DateTimeOffset Until)> _holds = [];

    /// <summary>Null when <paramref name="claim"/> is held (now or anew) until <paramref name="now"/> + <see cref="HoldFor"/>; else the hold that refuses it.</summary>
    public WorldLeaseClaim? Acquire(WorldLeaseClaim claim, DateTimeOffset now)
    {
        Lapse(now);
        var other = _holds.Values.Select(h => h.Claim)
            .Where(c => c.ExperimentId != claim.ExperimentId && !string.Equals(c.Checksum, claim.Checksum, StringComparison.Ordinal))
            .OrderBy(c => c.ExperimentId)
            .FirstOrDefault();
        if (other is not null) return other;
        _holds[claim.ExperimentId] = (claim, now + HoldFor);
        return null;
    }

    public void Release(Guid experimentId) => _holds.Remove(experimentId);

    /// <summary>The claims still held at <paramref name="now"/>.</summary>
    public IReadOnlyList<WorldLeaseClaim> Holders(DateTimeOffset now)
    {
        Lapse(now);
        return _holds.Values.Select(h => h.Claim).OrderBy(c => c.ExperimentId).ToArray();
    }

    private void Lapse(DateTimeOffset now)
    {
        foreach (var (id, _) in _holds.Where(h => h.Value.Until <= now).ToArray()) _holds.Remove(id);
    }
}
