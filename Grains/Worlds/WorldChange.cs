namespace Auction.Grains.Worlds;

/// <summary>An experiment time at which a provider's state may change by the clock (a time step or a trace row).</summary>
public sealed record WorldChange(long AtMs, string ProviderId);
