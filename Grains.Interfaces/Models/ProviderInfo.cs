namespace Auction.Grains.Interfaces.Models;

/// <summary>What the registry knows of a provider: its id, whether it is faulty (ground truth for results), and when it was last heard from.</summary>
[GenerateSerializer, Immutable]
public sealed record ProviderInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] bool Faulty,
    [property: Id(2)] DateTimeOffset LastSeen);
