namespace Auction.Grains.Placement;

/// <summary>A provider silo refused to start because a live silo that started first already serves its provider.</summary>
public sealed class ProviderClaimedException(string message) : Exception(message);
