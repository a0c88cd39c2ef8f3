using System.Net;
using Auction.Grains.Placement;
using Orleans.Runtime;

namespace Auction.Tests.Unit.Placement;

/// <summary>Which silo a provider grain goes to when silos disagree about who serves it.</summary>
public sealed class ProviderPlacementTests
{
    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);

    [Fact]
    public void Of_two_silos_claiming_one_provider_the_one_that_started_first_keeps_it_whatever_the_order()
    {
        var first = Silo(11111, 100);
        var impostor = Silo(11112, 200);
        var metadata = new Dictionary<SiloAddress, IReadOnlyDictionary<string, string>>
        {
            [first] = SiloRoles.Metadata(SiloRoles.Provider, ["provider-3"]),
            [impostor] = SiloRoles.Metadata(SiloRoles.Provider, ["provider-3"]),
        };

        foreach (var order in new[] { new[] { impostor, first }, new[] { first, impostor } })
        {
            var chosen = RolePlacementDirector.ForProvider("provider-3", order, Silo(30000, 1), s => metadata[s], out var unknown);
            Assert.Equal(first, chosen);
            Assert.False(unknown);
        }
    }

    [Fact]
    public void A_provider_nobody_claims_has_no_silo()
    {
        var silo = Silo(11111, 100);
        var chosen = RolePlacementDirector.ForProvider("provider-9", [silo], silo,
            _ => SiloRoles.Metadata(SiloRoles.Provider, ["provider-3"]), out var unknown);
        Assert.Null(chosen);
        Assert.False(unknown);
    }
}
