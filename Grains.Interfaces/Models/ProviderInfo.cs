namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// What the registry knows of a provider: its id, whether it is faulty (ground truth for results), when it was last
/// heard from, and whether its world has its link down (a consumer then does not invite it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProviderInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] bool Faulty,
    [property: Id(2)] DateTimeOffset LastSeen)
{
    [Id(3)] public bool LinkDown { get; init; }
}
