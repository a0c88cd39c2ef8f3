namespace Auction.Grains.Placement;

/// <summary>No silo in the cluster may host the grain: its provider's (or a consumer's) silo is down or not configured.</summary>
[GenerateSerializer]
public sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException(string message) : base(message) { }
}
