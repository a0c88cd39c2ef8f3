namespace Auction.Grains.Scoring;

/// <summary>The consumer's rating of a flow: ( min(1, U_meas/U_c) + min(1, D_meas/D_c) ) / 2, against this request's QoS.</summary>
public static class ConsumerRating
{
    public static double Of(double measuredUplink, double measuredDownlink, double requestedUplink, double requestedDownlink)
    {
        Require.NonNegative(measuredUplink, "measured uplink");
        Require.NonNegative(measuredDownlink, "measured downlink");
        Require.Positive(requestedUplink, "uplink");
        Require.Positive(requestedDownlink, "downlink");
        return (Math.Min(1, measuredUplink / requestedUplink) + Math.Min(1, measuredDownlink / requestedDownlink)) / 2;
    }
}
