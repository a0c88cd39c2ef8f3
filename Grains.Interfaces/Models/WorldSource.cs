namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// A world as it travels and is kept: the world file's text, the text of every rate trace it names (by the path the
/// file gives), and the SHA-256 checksum of both, so that every silo reads the same world with the same reader and a
/// result can be re-run from the database alone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorldSource(
    [property: Id(0)] string Name,
    [property: Id(1)] string Text,
    [property: Id(2)] IReadOnlyDictionary<string, string> Traces,
    [property: Id(3)] string Checksum);
