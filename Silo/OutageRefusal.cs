using Auction.Grains.Text;
using Auction.Grains.Worlds;

namespace Auction.Silo;

/// <summary>
/// A provider silo whose world takes its link down on a machine (or in a container image) without a working iptables
/// is refused at start-up, before anything is shaped, in one sentence naming the world file, the provider and the
/// step: otherwise it would join the cluster and fail at its first outage, in the middle of an experiment.
/// </summary>
public static class OutageRefusal
{
    /// <summary>
    /// The refusal, or null when <paramref name="providerId"/>'s entry never takes its link down or
    /// <paramref name="iptablesMissing"/> (the probe: null when iptables works, else the sentence naming what is
    /// missing) finds it; probes only when a step takes the link down.
    /// </summary>
    public static async Task<string?> CheckAsync(
        string worldFile, World world, string providerId, Func<CancellationToken, Task<string?>> iptablesMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(iptablesMissing);
        var field = FirstOutage(world, providerId);
        if (field is null) return null;
        return await iptablesMissing(cancellationToken).ConfigureAwait(false) is { } missing ? Sentence(worldFile, providerId, field, missing) : null;
    }

    /// <summary>The path of the first step of <paramref name="providerId"/>'s entry that takes its link down (<c>providers[3].schedule[0].link</c>), or null.</summary>
    public static string? FirstOutage(World world, string providerId)
    {
        ArgumentNullException.ThrowIfNull(world);
        var index = world.Providers.ToList().FindIndex(p => p.Id == providerId);
        if (index < 0) return null;
        var step = world.Providers[index].Schedule.ToList().FindIndex(s => s.LinkUp == false);
        return step < 0 ? null : $"providers[{index}].schedule[{step}].link";
    }

    /// <summary>One sentence: the world file, the provider, the step, and what the probe said is missing.</summary>
    public static string Sentence(string worldFile, string providerId, string field, string missing) =>
        $"the world in Auction:World:File '{Excerpt.Of(worldFile)}' takes the link of provider '{Excerpt.Of(providerId)}' down at {field}, "
        + $"which needs iptables where the silo runs ({missing.Trim().TrimEnd('.')}); install iptables (the container images have it) or remove the outage from the world.";
}
