namespace Auction.Grains.Placement;

/// <summary>
/// The grain directory of the auction's grains: Orleans' strongly consistent, distributed directory, registered
/// under this name by <see cref="AuctionSiloBuilderExtensions.AddAuction"/> and chosen by each grain class with
/// <c>[GrainDirectory(AuctionGrainDirectory.Name)]</c>.
/// </summary>
/// <remarks>
/// Orleans' default directory deactivates every grain whose directory entry lived on a silo that died, wherever the
/// grain itself runs: killing one silo of eleven wiped the peer memory of about a tenth of the providers elsewhere and
/// could take the consumer grain, with the auctions it was running, down with it. The distributed directory rebuilds
/// a dead silo's entries from the activations that survive instead.
/// </remarks>
public static class AuctionGrainDirectory
{
    public const string Name = "auction";
}
