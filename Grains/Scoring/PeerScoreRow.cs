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

    /// <summary>
    /// <paramref name="count"/> beacons at <paramref name="firstMs"/>, <paramref name="firstMs"/> + interval, …, the last
    /// carrying <paramref name="channelUtilization"/> and <paramref name="rssi"/>: the row ends as if
    /// <see cref="RecordBeacon"/> had been called for each (the earlier ones' values are overwritten anyway).
    /// </summary>
    public void RecordBeacons(long firstMs, long intervalMs, int count, double channelUtilization, double rssi, long beaconTLimitMs)
    {
        Require.Positive(intervalMs, "beacon interval");
        Require.Positive(count, "beacon count");
        RecordBeacon(firstMs, channelUtilization, rssi, beaconTLimitMs);
        if (count == 1) return;
        long lastMs = firstMs + (count - 1) * intervalMs;
        // Within the run every gap is one interval: none breaks it, or (an interval above the limit) each one does.
        if (intervalMs > beaconTLimitMs) FirstBeaconMs = lastMs;
        LastBeaconMs = lastMs;
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
