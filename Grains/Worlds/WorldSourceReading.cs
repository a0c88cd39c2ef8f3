using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Worlds;

/// <summary>A world file read to travel: its reading (the world or every problem) and, when it has no problem, the <see cref="WorldSource"/> that carries it.</summary>
public sealed record WorldSourceReading(WorldReading Reading, WorldSource? Source);
