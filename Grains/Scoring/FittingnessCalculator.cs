using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring;

/// <summary>Price, speed and overall fittingness of a peer for a request, as docs/algorithm.md defines them.</summary>
public static class FittingnessCalculator
{
    /// <summary>PF = ( (1 − P_j / P_c) + (ε − 1) ) / ε.</summary>
    public static double PriceFittingness(double peerPrice, double consumerPrice, double epsilon)
    {
        Require.NonNegative(peerPrice, "peer price");
        Require.Positive(consumerPrice, "price");
        Require.AtLeast(epsilon, 1, "epsilon");
        return ((1 - peerPrice / consumerPrice) + (epsilon - 1)) / epsilon;
    }

    /// <summary>s(r, w) = r^w / (1 + r^w).</summary>
    public static double SpeedTerm(double ratio, double weight)
    {
        Require.NonNegative(ratio, "speed ratio");
        Require.NonNegative(weight, "speed weight");
        double p = Math.Pow(ratio, weight);
        return double.IsPositiveInfinity(p) ? 1 : p / (1 + p); // r^w overflowing: the limit 1, not ∞/∞ = NaN
    }

    /// <summary>SF = s(U_j / U_c, μ) · s(D_j / D_c, δ).</summary>
    public static double SpeedFittingness(double peerUplink, double peerDownlink, double uplink, double downlink, double mu, double delta)
    {
        Require.NonNegative(peerUplink, "peer uplink");
        Require.NonNegative(peerDownlink, "peer downlink");
        Require.Positive(uplink, "uplink");
        Require.Positive(downlink, "downlink");
        Require.NonNegative(mu, "mu");
        Require.NonNegative(delta, "delta");
        return SpeedTerm(peerUplink / uplink, mu) * SpeedTerm(peerDownlink / downlink, delta);
    }

    /// <summary>
    /// The six factors of FF_ij for a peer row that has beacons, or null when the row has none
    /// (the caller then uses default_peer_ff).
    /// </summary>
    public static FittingnessComponents? Components(PeerScoreRow row, Qos qos, long nowMs, AuctionParameters parameters)
    {
        if (row.FirstBeaconMs is not { } firstBeacon) return null;
        return new FittingnessComponents(
            PriceFittingness(row.LastPrice, qos.Price, qos.Epsilon),
            SpeedFittingness(row.Uplink, row.Downlink, qos.Uplink, qos.Downlink, qos.Mu, qos.Delta),
            PeerMetrics.Uptime(nowMs, firstBeacon, parameters.KUptime),
            PeerMetrics.Load(row.ChannelUtilization, parameters.KLoad),
            PeerMetrics.Strength(row.Rssi, parameters.KStrength),
            Require.Finite(row.Feedback, "feedback"));
    }

    /// <summary>FF_ij = PF · SF · uptime · load · strength · feedback, or default_peer_ff for a peer never heard from.</summary>
    public static double Fittingness(PeerScoreRow? row, Qos qos, long nowMs, AuctionParameters parameters) =>
        row is null ? parameters.DefaultPeerFf : Components(row, qos, nowMs, parameters)?.Factor ?? parameters.DefaultPeerFf;

    /// <summary>Checks every field of a request, naming the first bad one.</summary>
    public static void Validate(Qos qos)
    {
        ArgumentNullException.ThrowIfNull(qos);
        Require.Positive(qos.Price, "price");
        Require.Positive(qos.Uplink, "uplink");
        Require.Positive(qos.Downlink, "downlink");
        Require.NonNegative(qos.Mu, "mu");
        Require.NonNegative(qos.Delta, "delta");
        Require.AtLeast(qos.Epsilon, 1, "epsilon");
        Require.Positive(qos.FlowSizeMb, "flow_size");
    }
}

/// <summary>The six factors whose product is a fittingness factor FF.</summary>
/// <remarks>A value type: a provider computes one per peer in every auction.</remarks>
public readonly record struct FittingnessComponents(double Price, double Speed, double Uptime, double Load, double Strength, double Feedback)
{
    public double Factor => Price * Speed * Uptime * Load * Strength * Feedback;
}
