using Auction.Grains.Network;
using Auction.Grains.Worlds;

namespace Auction.Silo;

/// <summary>
/// What a provider's world entry asks of netem: the delay, jitter and loss of its start state and of each of its
/// schedule steps (<c>shaped.delay_ms</c>, <c>jitter_ms</c>, <c>loss_percent</c> in docs/worlds.md).
/// </summary>
/// <remarks>
/// The world model in Grains/Worlds holds rates, prices, behaviour and outages; the impairment of a state and of a
/// step joins it beside <see cref="ProviderState.Shaped"/> and <see cref="ScheduleStep.Shaped"/>. These two methods
/// are the only place the silo reads it: a world without it asks for no netem, and the link starts unimpaired.
/// </remarks>
public static class WorldNetem
{
    /// <summary>The fields of <paramref name="providerId"/>'s entry that give its link delay, jitter or loss, in the order written.</summary>
    public static IReadOnlyList<NetemDemand> Demands(World world, string providerId)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(providerId);
        return [];
    }

    /// <summary>The delay, jitter and loss <paramref name="providerId"/>'s link starts with; null: none (also without a world).</summary>
    public static LinkImpairment? InitialImpairment(World? world, string providerId)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        return null;
    }
}
