namespace Auction.Grains.Scoring;

/// <summary>What one provider knows about one peer: its beacon run, last bid, last measured speeds and reputation.</summary>
public sealed class PeerScoreRow
{
    public PeerScoreRow(double uplink, double downlink, double lastPrice, double feedback)
    {
        Uplink = uplink;
        Downlink = downlink;
        LastPrice = lastPrice;
        Feedback = feedback;
    }

    /// <summary>T_0: the first beacon of the current unbroken run; null until a beacon arrives.</summary>
    public long? FirstBeaconMs { get; set; }
    public long? LastBeaconMs { get; set; }
    public double ChannelUtilization { get; set; }
    public double Rssi { get; set; }
    public double Uplink { get; set; }
    public double Downlink { get; set; }
    public double LastPrice { get; set; }
    public double Feedback { get; set; }

    public void RecordBeacon(long nowMs, double channelUtilization, double rssi, long beaconTLimitMs)
    {
        Require.InRange(channelUtilization, 0, PeerMetrics.MaxChannelUtilization, "channel_utilization");
        Require.InRange(rssi, 0, 255, "rssi");
        FirstBeaconMs = PeerMetrics.NextFirstBeacon(FirstBeaconMs, LastBeaconMs, nowMs, beaconTLimitMs);
        LastBeaconMs = nowMs;
        ChannelUtilization = channelUtilization;
        Rssi = rssi;
    }

    public void RecordBid(double price) => LastPrice = Require.NonNegative(price, "bid price");

    /// <summary>TRANSACTION_END: the measured speeds replace the row's, the rating enters the feedback average.</summary>
    public void RecordTransaction(double measuredUplink, double measuredDownlink, double rating, double gamma)
    {
        Uplink = Require.NonNegative(measuredUplink, "measured uplink");
        Downlink = Require.NonNegative(measuredDownlink, "measured downlink");
        Feedback = FeedbackAverage.Update(Feedback, rating, gamma);
    }
}
