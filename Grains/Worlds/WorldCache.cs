using System.Collections.Concurrent;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Worlds;

/// <summary>
/// The worlds this process has read, by checksum: every provider of a silo enters the same world at each strategy's
/// start, and one reading serves them all. Bounded: past <see cref="Capacity"/> worlds it starts over.
/// </summary>
public static class WorldCache
{
    public const int Capacity = 16;

    private static readonly ConcurrentDictionary<string, World> Worlds = new(StringComparer.Ordinal);

    /// <summary>The world <paramref name="source"/> carries; <see cref="ArgumentException"/> naming every problem when it has any.</summary>
    public static World Get(WorldSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        // the checksum is checked at every call: a cached world is only ever returned for the texts it was read from
        var checksum = WorldSources.Checksum(source.Text, source.Traces);
        if (string.Equals(checksum, source.Checksum, StringComparison.OrdinalIgnoreCase) && Worlds.TryGetValue(checksum, out var world)) return world;
        var reading = WorldSources.Parse(source);
        world = reading.World ?? throw new ArgumentException(string.Join(Environment.NewLine, reading.Messages), nameof(source));
        if (Worlds.Count >= Capacity) Worlds.Clear();
        Worlds[checksum] = world;
        return world;
    }
}
