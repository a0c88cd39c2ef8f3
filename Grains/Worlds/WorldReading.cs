using Auction.Grains.Json;

namespace Auction.Grains.Worlds;

/// <summary>What reading a world file gave: the world, or every problem found (then no world); <see cref="Source"/> names the file in the messages.</summary>
public sealed record WorldReading(string Source, World? World, IReadOnlyList<JsonProblem> Problems)
{
    /// <summary>One sentence per problem: the file, the field's path and an excerpt of its value.</summary>
    public IEnumerable<string> Messages => Problems.Select(p => $"{Source}: {p.Message}");
}
