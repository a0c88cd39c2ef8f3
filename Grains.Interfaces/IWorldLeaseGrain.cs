using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Interfaces;

/// <summary>
/// Which world is in force in a running cluster, keyed by <see cref="DefaultKey"/>: the experiments that brought a
/// world hold it while they run, and an experiment with another world is refused meanwhile. A hold not renewed in
/// time lapses (its client died).
/// </summary>
public interface IWorldLeaseGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>
    /// Holds (or renews the hold on) the claim's world for its experiment and returns null; when another experiment
    /// holds a world of another checksum, changes nothing and returns that experiment's claim. Experiments with the
    /// same world hold it together.
    /// </summary>
    [ResponseTimeout("00:00:05")]
    Task<WorldLeaseClaim?> Acquire(WorldLeaseClaim claim);

    /// <summary>The experiment no longer holds its world (it ended).</summary>
    [ResponseTimeout("00:00:05")]
    Task Release(Guid experimentId);

    /// <summary>The claims held now.</summary>
    [ResponseTimeout("00:00:05")]
    Task<IReadOnlyList<WorldLeaseClaim>> Holders();
}
