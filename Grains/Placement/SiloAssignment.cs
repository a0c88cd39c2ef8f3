namespace Auction.Grains.Placement;

/// <summary>What this silo was started as: its role and, for a provider silo, the providers it owns.</summary>
public sealed record SiloAssignment(string Role, IReadOnlyList<string> OwnedProviders);
