using System.Security.Cryptography;
using System.Text;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Worlds;

/// <summary>
/// Makes and reads the <see cref="WorldSource"/> a world travels as: the world file's text, the texts of the traces
/// it names (by the path it writes) and the SHA-256 checksum of both, so that every silo reads the same world.
/// </summary>
public static class WorldSources
{
    /// <summary>The world in <paramref name="file"/> with every trace it names, or the problems that keep it from travelling.</summary>
    public static WorldSourceReading Read(string file)
    {
        var reading = WorldReader.Read(file, out var text, out var traces);
        return reading.World is { } world
            ? new WorldSourceReading(reading, Of(world.Name, text!, traces))
            : new WorldSourceReading(reading, null);
    }

    /// <summary>
    /// The world written in <paramref name="json"/> (named <paramref name="source"/> in messages, its traces relative to
    /// <paramref name="baseDirectory"/>) with every trace it names, or the problems that keep it from travelling.
    /// </summary>
    public static WorldSourceReading Parse(string json, string source, string baseDirectory)
    {
        var reading = WorldReader.Parse(json, source, baseDirectory, out var traces);
        return reading.World is { } world
            ? new WorldSourceReading(reading, Of(world.Name, json, traces))
            : new WorldSourceReading(reading, null);
    }

    /// <summary>A world from its text and its traces' texts (the path as the world writes it → CSV text), with their checksum.</summary>
    public static WorldSource Of(string name, string text, IReadOnlyDictionary<string, string> traces)
    {
        var copy = new SortedDictionary<string, string>(traces.ToDictionary(), StringComparer.Ordinal);
        return new WorldSource(name, text, copy, Checksum(text, copy));
    }

    /// <summary>
    /// The SHA-256 (lowercase hex) of the world's text and its traces in ordinal order of their paths, each path and
    /// text written as its UTF-8 byte count, a line feed, its bytes and a line feed, so that no two sources share one.
    /// </summary>
    public static string Checksum(string text, IReadOnlyDictionary<string, string> traces)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, text);
        foreach (var (path, trace) in traces.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Append(hash, path);
            Append(hash, trace);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The world <paramref name="source"/> carries, read with <see cref="WorldReader"/>; a checksum that does not match its texts is a problem too.</summary>
    public static WorldReading Parse(WorldSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = $"world {WorldProblems.Quoted(source.Name)}";
        var actual = Checksum(source.Text, source.Traces);
        if (!string.Equals(actual, source.Checksum, StringComparison.OrdinalIgnoreCase))
            return new WorldReading(name, null, [new(WorldReader.DocumentName,
                $"does not match the checksum it came with, got {WorldProblems.Quoted(source.Checksum)}: its text or one of its traces changed on the way.")]);
        return WorldReader.Parse(source.Text, name, source.Traces);
    }

    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(Encoding.ASCII.GetBytes($"{bytes.Length}\n"));
        hash.AppendData(bytes);
        hash.AppendData("\n"u8);
    }
}
