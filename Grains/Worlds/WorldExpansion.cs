using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Worlds;

/// <summary>
/// Turns a world into the configurations its providers start with (their initial state), the input every mode
/// starts from: a provider without a seed of its own gets seed · 7919 + its index, a signal strength overrides the
/// experiment's <c>mock_rssi</c> for that provider, and a behaviour becomes the faulty flag, the adversary and the allies.
/// </summary>
public static class WorldExpansion
{
    /// <summary>The seed of the random draws of <paramref name="provider"/>, the world's <paramref name="index"/>-th, in an experiment seeded <paramref name="seed"/>.</summary>
    public static int SeedOf(WorldProvider provider, int index, int seed) => provider.Seed ?? unchecked(seed * 7919 + index);

    public static IReadOnlyList<ProviderConfig> Expand(World world, int seed = 1, AuctionParameters? parameters = null, EndpointLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        var p = parameters ?? AuctionParameters.Default;
        var ports = layout ?? EndpointLayout.Default;
        return world.Providers.Select((provider, i) =>
        {
            var state = provider.Initial;
            return new ProviderConfig
            {
                Id = provider.Id,
                AskPrice = state.AskPrice,
                ClaimedUplink = state.Claimed.Uplink,
                ClaimedDownlink = state.Claimed.Downlink,
                Faulty = state.Behaviour.IsFaulty,
                Seed = SeedOf(provider, i, seed),
                Endpoint = new LinkEndpoint(ports.Host, ports.BasePort + i * ports.PortsPerProvider, ports.PortsPerProvider, state.Shaped.Uplink, state.Shaped.Downlink),
                Parameters = state.SignalStrength is { } strength ? p with { MockRssi = strength } : p,
                Adversary = state.Behaviour.Adversary ?? AdversarySettings.Liar,
                Allies = state.Behaviour.Allies,
            };
        }).ToArray();
    }
}
