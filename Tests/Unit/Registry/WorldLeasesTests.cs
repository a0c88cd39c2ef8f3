using Auction.Grains.Interfaces.Models;
using Auction.Grains.Registry;

namespace Auction.Tests.Unit.Registry;

/// <summary>One world in force at a time: experiments of the same world share it, another world waits until every hold ended or lapsed.</summary>
public sealed class WorldLeasesTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly WorldLeaseClaim First = new("price-war", "aaa", Guid.Parse("00000000-0000-0000-0000-000000000001"));
    private static readonly WorldLeaseClaim SameWorld = new("price-war", "aaa", Guid.Parse("00000000-0000-0000-0000-000000000002"));
    private static readonly WorldLeaseClaim Other = new("flapping-link", "bbb", Guid.Parse("00000000-0000-0000-0000-000000000003"));

    [Fact]
    public void A_second_experiment_of_the_same_world_shares_it_and_one_of_another_world_is_refused_with_the_holder()
    {
        var leases = new WorldLeases();

        Assert.Null(leases.Acquire(First, Now));
        Assert.Null(leases.Acquire(SameWorld, Now));
        Assert.Equal(First, leases.Acquire(Other, Now));
        Assert.Equal([First, SameWorld], leases.Holders(Now));
    }

    [Fact]
    public void Another_world_is_granted_once_every_holder_released_it()
    {
        var leases = new WorldLeases();
        leases.Acquire(First, Now);
        leases.Acquire(SameWorld, Now);

        leases.Release(First.ExperimentId);
        Assert.Equal(SameWorld, leases.Acquire(Other, Now));
        leases.Release(SameWorld.ExperimentId);

        Assert.Null(leases.Acquire(Other, Now));
        Assert.Equal([Other], leases.Holders(Now));
    }

    [Fact]
    public void A_hold_lapses_when_it_is_not_renewed_in_time_and_lasts_while_it_is()
    {
        var leases = new WorldLeases();
        leases.Acquire(First, Now);
        var almost = WorldLeases.HoldFor - TimeSpan.FromSeconds(1);

        Assert.Null(leases.Acquire(First, Now + almost)); // renewed
        Assert.Equal(First, leases.Acquire(Other, Now + 2 * almost));
        Assert.Null(leases.Acquire(Other, Now + almost + WorldLeases.HoldFor));
    }

    [Fact]
    public void Renewing_keeps_the_claim_once()
    {
        var leases = new WorldLeases();
        leases.Acquire(First, Now);
        leases.Acquire(First, Now + TimeSpan.FromSeconds(10));

        Assert.Equal([First], leases.Holders(Now + TimeSpan.FromSeconds(20)));
    }
}
