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

    /// <summary>Checks a complete set of parameters by the rules of <see cref="AuctionParameterOverrides"/>, naming every bad one by its snake_case name.</summary>
    public static void ValidateParameters(AuctionParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var problems = AuctionParameterOverrides.Validate(p, ParameterPaths.Json(""));
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.Select(problem => problem.Message)), problems[0].Path);
    }
}
