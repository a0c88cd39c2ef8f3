using Auction.Grains.Text;

namespace Auction.Silo;

/// <summary>
/// A provider silo whose world gives its link delay, jitter or loss on a machine without the kernel's netem qdisc is
/// refused at start-up, before anything is shaped, in one sentence naming the world file, the provider and the field:
/// otherwise it would join the cluster and fail at the first change that needs netem, in the middle of an experiment.
/// </summary>
public static class NetemRefusal
{
    /// <summary>
    /// The refusal, or null when no field of <paramref name="demands"/> needs netem or <paramref name="netemMissing"/>
    /// (the probe: null when netem works, else the sentence naming what is missing) finds it; probes only when a field needs it.
    /// </summary>
    public static async Task<string?> CheckAsync(
        string worldFile, string providerId, IEnumerable<NetemDemand> demands, Func<CancellationToken, Task<string?>> netemMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(netemMissing);
        var first = demands.FirstOrDefault(d => d.NeedsNetem);
        if (first is null) return null;
        return await netemMissing(cancellationToken).ConfigureAwait(false) is { } missing ? Sentence(worldFile, providerId, first.Field, missing) : null;
    }

    /// <summary>One sentence: the world file, the provider, the field, and what the probe said is missing.</summary>
    public static string Sentence(string worldFile, string providerId, string field, string missing) =>
        $"the world in Auction:World:File '{Excerpt.Of(worldFile)}' gives provider '{Excerpt.Of(providerId)}' delay, jitter or loss at {field}, "
        + $"which needs the netem qdisc this machine lacks ({missing.Trim().TrimEnd('.')}); remove those fields from the world or run on a kernel with netem.";
}
