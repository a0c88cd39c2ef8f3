using Auction.Grains.Interfaces.Models;
using Auction.Grains.Json;
using Auction.Grains.Text;

namespace Auction.Grains.Worlds;

/// <summary>
/// Reads a world for an experiment together with what it travels as (<see cref="WorldSource"/>): the file's text, the
/// text of every trace it names (keyed by the path the world writes) and their checksum. A world that cannot be read
/// has its problems in the reading and no source.
/// </summary>
public static class WorldSourceReader
{
    /// <summary>The world in <paramref name="file"/> (traces relative to its folder) and its source.</summary>
    public static (WorldReading Reading, WorldSource? Source) Read(string file)
    {
        var read = WorldSources.Read(file);
        return (read.Reading, read.Source);
    }

    /// <summary>The world written in <paramref name="json"/>, named <paramref name="source"/> in messages, its traces relative to <paramref name="baseDirectory"/>.</summary>
    public static (WorldReading Reading, WorldSource? Source) Parse(string json, string source, string baseDirectory)
    {
        var reading = WorldReader.Parse(json, source, baseDirectory);
        return reading.World is null ? (reading, null) : Complete(reading, json, baseDirectory);
    }

    /// <summary>The checksum a <see cref="WorldSource"/> carries (<see cref="WorldSources.Checksum"/>).</summary>
    public static string Checksum(string text, IReadOnlyDictionary<string, string> traces) => WorldSources.Checksum(text, traces);

    private static (WorldReading, WorldSource?) Complete(WorldReading reading, string text, string baseDirectory)
    {
        var traces = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var trace in reading.World!.Providers.Select(p => p.Trace).OfType<RateTrace>().Select(t => t.Source).Distinct(StringComparer.Ordinal))
        {
            var csv = InputFile.ReadText(Path.GetFullPath(trace, baseDirectory), WorldLimits.MaxTraceBytes, $"\"{Excerpt.Of(trace)}\"", out var error);
            if (csv is null) return (Refused(reading, error!), null);
            traces[trace] = csv;
        }
        return (reading, WorldSources.Of(reading.World.Name, text, traces));
    }

    // the file changed under the reader between two reads: as if it could not be read at all
    private static WorldReading Refused(WorldReading reading, string error) =>
        reading with { World = null, Problems = [new JsonProblem(WorldReader.DocumentName, $"changed while it was read: {error}")] };

}
