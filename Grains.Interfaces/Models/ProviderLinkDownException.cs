namespace Auction.Grains.Interfaces.Models;

/// <summary>A provider refuses a request because its world's schedule has its link down; the consumer records it as missing, <see cref="MissingReasons.Down"/>.</summary>
[GenerateSerializer]
public sealed class ProviderLinkDownException : Exception
{
    public ProviderLinkDownException(string message) : base(message) { }
}
