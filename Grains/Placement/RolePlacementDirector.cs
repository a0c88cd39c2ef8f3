using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using Auction.Grains.Resilience;

namespace Auction.Grains.Placement;

/// <summary>
/// Finds the silo a pinned grain must live on from the silos' metadata. When none qualifies it fails the call at
/// once instead of activating the grain elsewhere: a provider away from its own link would measure the wrong network.
/// </summary>
public sealed class RolePlacementDirector(ISiloMetadataCache metadata, TimeProvider? time = null) : IPlacementDirector
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // A silo that just joined may not have published its metadata yet: wait this long for it before failing.
    private static readonly TimeSpan MetadataGrace = TimeSpan.FromSeconds(3);

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var chosen = Choose(strategy, target, context, out var unknownMetadata);
        if (chosen is null && unknownMetadata)
        {
            await WaitUntil.TrueAsync(() =>
            {
                chosen = Choose(strategy, target, context, out unknownMetadata);
                return chosen is not null || !unknownMetadata;
            }, TimeSpan.FromMilliseconds(100), MetadataGrace, _time);
        }
        return chosen ?? throw new ProviderUnavailableException(strategy is ProviderPinnedPlacement
            ? $"provider '{target.GrainIdentity.Key}' can run only on the silo configured as '{target.GrainIdentity.Key}', and no such silo is in the cluster"
            : $"grain {target.GrainIdentity} can run only on a consumer silo, and none is in the cluster");
    }

    private SiloAddress? Choose(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context, out bool unknownMetadata)
    {
        var silos = context.GetCompatibleSilos(target);
        return strategy is ProviderPinnedPlacement
            ? ForProvider(target.GrainIdentity.Key.ToString()!, silos, context.LocalSilo, MetadataOf, out unknownMetadata)
            : ForConsumer(silos, context.LocalSilo, out unknownMetadata);
    }

    private IReadOnlyDictionary<string, string> MetadataOf(SiloAddress silo) => metadata.GetSiloMetadata(silo).Metadata;

    /// <summary>
    /// The silo for a provider grain: one that names the provider in its metadata (the one that started first when
    /// several do: a later claimant may be an impostor), else one that hosts any provider; null when none does.
    /// </summary>
    public static SiloAddress? ForProvider(string providerId, IReadOnlyList<SiloAddress> silos, SiloAddress local,
        Func<SiloAddress, IReadOnlyDictionary<string, string>> metadataOf, out bool unknownMetadata)
    {
        SiloAddress? anyHost = null;
        SiloAddress? owner = null;
        unknownMetadata = false;
        foreach (var silo in silos)
        {
            if (SiloRoles.HostedProviders(metadataOf(silo)) is not { } ids)
            {
                unknownMetadata = true;
                continue;
            }
            // Two silos claiming one provider: the one that started first keeps it (the later one may be an impostor).
            if (ids.Contains(providerId, StringComparer.Ordinal) && (owner is null || silo.Generation < owner.Generation)) owner = silo;
            if (ids.Contains(SiloRoles.AnyProvider) && (anyHost is null || silo.Equals(local))) anyHost = silo;
        }
        return owner ?? anyHost;
    }

    private SiloAddress? ForConsumer(SiloAddress[] silos, SiloAddress local, out bool unknownMetadata)
    {
        var candidates = new List<SiloAddress>();
        unknownMetadata = false;
        foreach (var silo in silos)
        {
            if (!metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRoles.RoleKey, out var role))
            {
                unknownMetadata = true;
                continue;
            }
            if (role is SiloRoles.Consumer or SiloRoles.All) candidates.Add(silo);
        }
        if (candidates.Count == 0) return null;
        return candidates.Contains(local) ? local : candidates[Random.Shared.Next(candidates.Count)];
    }
}
