namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// What a provider is told when a strategy's run starts in a world: the world, where the run's clock stands at its
/// start (which clock, its origin; request 0), how experiment time maps to wall time in the lab and the containers
/// (<see cref="TimeScale"/>: a step at experiment time t applies at origin + t × time scale), and the experiment's
/// seed (a provider whose world gives it no seed derives its own from it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorldEntry(
    [property: Id(0)] WorldSource World,
    [property: Id(1)] ExperimentTime Start,
    [property: Id(2)] double TimeScale,
    [property: Id(3)] int Seed);
