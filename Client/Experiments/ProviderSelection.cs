using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// Turns the config's provider choice into the ids every request names: "all" is every provider the registry has
/// heard from within the live window; an explicit list must name providers the registry knows (ids are taken as
/// they are: the reference config's mock-id-N only match a cluster that has providers of those names). With a world,
/// every provider of the world must be registered, and "all" is the world's providers.
/// </summary>
public static class ProviderSelection
{
    public static IReadOnlyList<string>? Resolve(
        ExperimentConfig config, IReadOnlyList<ProviderInfo> registered, DateTimeOffset now, TimeSpan liveWindow, ConfigIssues issues)
    {
        var live = registered.Where(p => now - p.LastSeen <= liveWindow).Select(p => p.Id).Order(StringComparer.Ordinal).ToArray();
        var path = config.PathOf("providers");
        var known = registered.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        if (config.World is { } world)
        {
            var missing = world.ProviderIds.Where(id => !known.Contains(id)).ToArray();
            if (missing.Length > 0)
            {
                issues.Error(config.PathOf(ExperimentWorldReader.Field),
                    $"'{Cli.Excerpt.Of(world.Name)}' has provider(s) {string.Join(", ", missing.Take(5).Select(m => $"'{m}'"))}{(missing.Length > 5 ? ", …" : "")} that the cluster does not have; it has {Describe(known)}.");
                return null;
            }
            // in the order "all" has without a world, so that a run in the reference world asks as one without
            if (config.Providers is null) return world.ProviderIds.Order(StringComparer.Ordinal).ToArray();
        }

        if (config.Providers is not { } wanted)
        {
            if (live.Length == 0)
            {
                issues.Error(path, $"is \"all\", but no provider was seen in the last {liveWindow.TotalSeconds:0} s ({registered.Count} registered).");
                return null;
            }

            return live;
        }

        var unknown = wanted.Where(id => !known.Contains(id)).ToArray();
        if (unknown.Length > 0)
        {
            issues.Error(path, $"names unknown provider id(s) {string.Join(", ", unknown.Take(5).Select(u => $"'{Cli.Excerpt.Of(u)}'"))}; the cluster has {Describe(known)}.");
            return null;
        }

        return wanted;
    }

    private static string Describe(IReadOnlyCollection<string> known) =>
        known.Count == 0 ? "no providers" : string.Join(", ", known.Order(StringComparer.Ordinal).Take(12)) + (known.Count > 12 ? ", …" : "");
}
