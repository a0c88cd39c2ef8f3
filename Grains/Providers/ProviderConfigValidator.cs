using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Grains.Providers;

/// <summary>Checks a provider's configuration and its parameters, naming the first bad field.</summary>
public static class ProviderConfigValidator
{
    public static void Validate(ProviderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Id))
            throw new ArgumentException("provider id must not be empty.", nameof(config));
        Require.NonNegative(config.AskPrice, "ask_price");
        Require.NonNegative(config.ClaimedUplink, "claimed_uplink");
        Require.NonNegative(config.ClaimedDownlink, "claimed_downlink");
        Require.Positive(config.Endpoint.ShapedUplink, "shaped_uplink");
        Require.Positive(config.Endpoint.ShapedDownlink, "shaped_downlink");
        if (config.Endpoint.PortCount < 1)
            throw new ArgumentException($"iperf3_server_count must be ≥ 1, got {config.Endpoint.PortCount}.", nameof(config));
        ValidateParameters(config.Parameters);
    }

    public static void ValidateParameters(AuctionParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        Require.Positive(p.BeaconIntervalMs, "beacon_interval_ms");
        Require.Positive(p.BeaconTLimitMs, "beacon_t_limit_ms");
        Require.Positive(p.KUptime, "k_uptime");
        Require.Positive(p.KLoad, "k_load");
        Require.Positive(p.KStrength, "k_strength");
        Require.NonNegative(p.Tau, "tau");
        Require.NonNegative(p.ConsumerTau, "consumer_tau");
        Require.InRange(p.Gamma, 0, 1, "gamma");
        Require.Finite(p.DefaultPeerFf, "default_peer_ff");
        Require.NonNegative(p.DefaultPeerUplink, "default_peer_uplink");
        Require.NonNegative(p.DefaultPeerDownlink, "default_peer_downlink");
        Require.NonNegative(p.DefaultPeerLastPrice, "default_peer_last_price");
        Require.Finite(p.DefaultPeerFeedback, "default_peer_feedback");
        Require.InRange(p.MockRssi, 0, 255, "mock_rssi");
        Require.Positive(p.PhaseDeadlineMs, "phase_deadline_ms");
        OutlierFilter.Apply(p.Aggregator, [0.0], 0);
        Require.InRange(p.ConsumerMemory, 0, 1, "consumer_memory");
    }
}
