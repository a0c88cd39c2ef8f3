using Auction.Grains.Interfaces.Models;
using Auction.Grains.Text;
using Auction.Grains.Worlds;

namespace Auction.Silo.Configuration;

/// <summary>
/// The world of <c>Auction:World:File</c> as a silo uses it: read at start-up (every problem of the file in one
/// <see cref="SiloConfigurationException"/>), a provider silo's entry found by its id, the container deployment's
/// fixed ids checked.
/// </summary>
public static class WorldSection
{
    public const string FilePath = "Auction:World:File";

    /// <summary>How many ids a refusal lists before it only counts the rest.</summary>
    private const int ListedIds = 12;

    /// <summary>The world the settings name, or null when <see cref="WorldSettings.File"/> is not set.</summary>
    public static World? Read(WorldSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.File)) return null;
        var reading = WorldReader.Read(settings.File);
        if (reading.World is null)
            throw new SiloConfigurationException($"{FilePath} names a world the silo cannot use: {string.Join(" ", reading.Messages)}");
        return reading.World;
    }

    /// <summary>The index of <paramref name="providerId"/> in the world; refused in one sentence when the world has no such provider.</summary>
    public static int IndexOf(World world, string providerId, string file)
    {
        for (var i = 0; i < world.Providers.Count; i++)
            if (world.Providers[i].Id == providerId) return i;
        throw new SiloConfigurationException(
            $"Auction:Provider:Id '{Excerpt.Of(providerId)}' is not a provider of the world in {FilePath} '{Excerpt.Of(file)}' (its providers: {Ids(world.Providers.Select(p => p.Id))}).");
    }

    /// <summary>
    /// The container deployment's provider services are provider-0 … provider-(N−1), N = <c>Auction:ReferenceProviders</c>:
    /// a world for it must name exactly those, or some service would serve no provider and some provider no service.
    /// </summary>
    public static void RequireIds(World world, int count, string file)
    {
        var expected = Enumerable.Range(0, count).Select(i => $"provider-{i}").ToHashSet(StringComparer.Ordinal);
        var ids = world.Providers.Select(p => p.Id).ToArray();
        if (expected.SetEquals(ids)) return;
        var missing = expected.Except(ids).Order(StringComparer.Ordinal).ToArray();
        var extra = ids.Where(id => !expected.Contains(id)).ToArray();
        var wrong = string.Join(" and ", new[]
        {
            missing.Length > 0 ? $"lacks {Ids(missing)}" : null,
            extra.Length > 0 ? $"names {Ids(extra)}" : null,
        }.OfType<string>());
        throw new SiloConfigurationException(
            $"{FilePath} '{Excerpt.Of(file)}' must name exactly the container deployment's providers provider-0 … provider-{count - 1} (one per provider service of compose.yaml), but it {wrong}.");
    }

    /// <summary>The configuration provider <paramref name="index"/> of the world starts with, reached at <paramref name="endpoint"/>'s address and ports.</summary>
    public static ProviderConfig Provider(World world, int index, WorldSettings settings, AuctionParameters parameters, LinkEndpoint endpoint)
    {
        var config = WorldExpansion.Expand(world, settings.Seed, parameters)[index];
        return config with { Endpoint = endpoint with { ShapedUplink = config.Endpoint.ShapedUplink, ShapedDownlink = config.Endpoint.ShapedDownlink } };
    }

    private static string Ids(IEnumerable<string> ids)
    {
        var all = ids.ToArray();
        var listed = string.Join(", ", all.Take(ListedIds).Select(Excerpt.Of));
        return all.Length > ListedIds ? $"{listed} and {all.Length - ListedIds} more" : listed;
    }
}
