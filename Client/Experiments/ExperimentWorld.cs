using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

namespace Auction.Client.Experiments;

/// <summary>The world an experiment was given (a file or a config's inline world): the world as read and the source its providers are sent.</summary>
public sealed record ExperimentWorld(World World, WorldSource Source)
{
    public string Name => World.Name;

    public string Checksum => Source.Checksum;

    /// <summary>The ids of the world's providers, in its order.</summary>
    public IReadOnlyList<string> ProviderIds { get; } = World.Providers.Select(p => p.Id).ToArray();
}
