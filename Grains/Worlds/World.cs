namespace Auction.Grains.Worlds;

/// <summary>The providers of an experiment, their links, prices and behaviour, and how they change while it runs (docs/worlds.md).</summary>
public sealed record World(string Name, string? Description, IReadOnlyList<WorldProvider> Providers);
