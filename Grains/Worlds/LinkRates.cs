namespace Auction.Grains.Worlds;

/// <summary>A link's two rates in MB/s: the uplink carries what the user sends, the downlink what it receives (docs/lab.md).</summary>
public sealed record LinkRates(double Uplink, double Downlink)
{
    /// <summary>The same rate both ways.</summary>
    public static LinkRates Both(double rate) => new(rate, rate);
}
