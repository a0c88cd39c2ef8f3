using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Auction.Grains.Placement;

/// <summary>
/// Which providers a consumer should not wait for: those no active silo hosts any more, as this silo's view of the
/// membership (<see cref="ISiloStatusOracle"/>) and the silos' published metadata tell. A silo whose metadata is not
/// known yet counts as hosting anything, so a provider is only left out on evidence.
/// </summary>
public sealed class ProviderLiveness(ISiloStatusOracle membership, ISiloMetadataCache metadata)
{
    /// <summary>True when an active silo's metadata names <paramref name="providerId"/> (not merely "any provider").</summary>
    public bool IsHostedByName(string providerId) =>
        membership.GetApproximateSiloStatuses(onlyActive: true).Keys.Any(silo =>
            SiloRoles.HostedProviders(metadata.GetSiloMetadata(silo).Metadata)?.Contains(providerId, StringComparer.Ordinal) == true);

    /// <summary>Splits <paramref name="providers"/> into those an active silo may host and those none does.</summary>
    public (IReadOnlyList<string> Alive, IReadOnlyList<string> Dead) Split(IReadOnlyList<string> providers)
    {
        var hosted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var silo in membership.GetApproximateSiloStatuses(onlyActive: true).Keys)
        {
            if (SiloRoles.HostedProviders(metadata.GetSiloMetadata(silo).Metadata) is not { } ids) return (providers, []);
            foreach (var id in ids)
            {
                if (id == SiloRoles.AnyProvider) return (providers, []);
                hosted.Add(id);
            }
        }

        return (providers.Where(hosted.Contains).ToArray(), providers.Where(p => !hosted.Contains(p)).ToArray());
    }
}
