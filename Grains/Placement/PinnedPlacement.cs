using Orleans.Placement;
using Orleans.Runtime;

namespace Auction.Grains.Placement;

/// <summary>Places a provider grain only on the silo that owns that provider's link.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ProviderPinnedPlacement : PlacementStrategy
{
    public static ProviderPinnedPlacement Instance { get; } = new();
}

/// <summary>Places a grain only on a consumer silo (or the all-in-one silo): consumers run the flows from there.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ConsumerSiloPlacement : PlacementStrategy
{
    public static ConsumerSiloPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class as pinned to its provider's silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ProviderPinnedPlacementAttribute() : PlacementAttribute(ProviderPinnedPlacement.Instance);

/// <summary>Marks a grain class as living on a consumer silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ConsumerSiloPlacementAttribute() : PlacementAttribute(ConsumerSiloPlacement.Instance);
