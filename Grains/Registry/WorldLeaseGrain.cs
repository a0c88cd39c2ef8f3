using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Orleans.GrainDirectory;

namespace Auction.Grains.Registry;

/// <summary>
/// The cluster's <see cref="IWorldLeaseGrain"/>, on the consumer silo beside the registry. The holds live in the
/// activation: renewals every few seconds keep it active, and should it be lost with its silo, every experiment that
/// held a world has lost its consumer too.
/// </summary>
[ConsumerSiloPlacement]
[GrainDirectory(AuctionGrainDirectory.Name)]
public sealed class WorldLeaseGrain(AuctionClock clock) : Grain, IWorldLeaseGrain
{
    private readonly WorldLeases _leases = new();

    public Task<WorldLeaseClaim?> Acquire(WorldLeaseClaim claim) => Task.FromResult(_leases.Acquire(claim, clock.UtcNow));

    public Task Release(Guid experimentId)
    {
        _leases.Release(experimentId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorldLeaseClaim>> Holders() => Task.FromResult(_leases.Holders(clock.UtcNow));
}
