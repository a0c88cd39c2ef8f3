using Auction.Grains.Network;
using Auction.Grains.Worlds;

namespace Auction.Silo;

/// <summary>
/// What a provider's world entry asks of netem: the delay, jitter and loss of its start state and of each of its
/// schedule steps (<c>shaped.delay_ms</c>, <c>jitter_ms</c>, <c>loss_percent</c> in docs/worlds.md).
/// </summary>
public static class WorldNetem
{
    /// <summary>The fields of <paramref name="providerId"/>'s entry that give its link delay, jitter or loss, in the order written.</summary>
    public static IReadOnlyList<NetemDemand> Demands(World world, string providerId)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(providerId);
        var index = world.Providers.ToList().FindIndex(p => p.Id == providerId);
        if (index < 0) return [];
        var provider = world.Providers[index];
        return provider.Schedule
            .Select((step, j) => new NetemDemand($"providers[{index}].schedule[{j}].shaped", step.Impairment))
            .Prepend(new NetemDemand($"providers[{index}].shaped", provider.Initial.Impairment))
            .Where(d => d.Impairment is not null)
            .ToArray();
    }

    /// <summary>The delay, jitter and loss <paramref name="providerId"/>'s link starts with; null: none (also without a world).</summary>
    public static LinkImpairment? InitialImpairment(World? world, string providerId)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        return world?.Providers.FirstOrDefault(p => p.Id == providerId)?.Initial.Impairment;
    }
}
