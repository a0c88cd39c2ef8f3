namespace Auction.Grains.Interfaces.Models;

/// <summary>One provider's configuration: its ask, what it claims, whether it lies, where its link is, and its parameters.</summary>
[GenerateSerializer, Immutable]
public sealed record ProviderConfig
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required double AskPrice { get; init; }
    /// <summary>Capacity the provider advertises (naive strategy); its link's real shape is in <see cref="Endpoint"/>.</summary>
    [Id(2)] public required double ClaimedUplink { get; init; }
    [Id(3)] public required double ClaimedDownlink { get; init; }
    [Id(4)] public bool Faulty { get; init; }
    /// <summary>Seed of the provider's own random draws (a faulty provider's lies).</summary>
    [Id(5)] public int Seed { get; init; }
    [Id(6)] public required LinkEndpoint Endpoint { get; init; }
    [Id(7)] public AuctionParameters Parameters { get; init; } = AuctionParameters.Default;
    /// <summary>How it misbehaves when <see cref="Faulty"/>; ignored for an honest provider.</summary>
    [Id(8)] public AdversarySettings Adversary { get; init; } = AdversarySettings.Liar;
    /// <summary>A colluder's fellow faulty providers (the ones it praises); empty for any other provider.</summary>
    [Id(9)] public IReadOnlyList<string> Allies { get; init; } = [];
}
