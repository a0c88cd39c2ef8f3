namespace Auction.Grains.Worlds;

/// <summary>A provider's state at one moment, and the last schedule step (in the order written) in force then: its index, or -1 for the initial state.</summary>
public sealed record ProviderMoment(ProviderState State, int StepIndex);
