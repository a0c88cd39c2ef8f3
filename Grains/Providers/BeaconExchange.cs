using Auction.Grains.Interfaces;
using Auction.Grains.Resilience;

namespace Auction.Grains.Providers;

/// <summary>Waits until every provider of a set has heard a beacon from every other: the point from which they can score each other.</summary>
public static class BeaconExchange
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls the providers' snapshots (activating any not active yet); throws a <see cref="TimeoutException"/> saying how far they got.</summary>
    public static async Task WaitAsync(IGrainFactory grains, IReadOnlyList<string> ids, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        int heard = 0, expected = ids.Count * (ids.Count - 1);
        // a set: with N providers every poll looks at N² rows
        var members = ids.ToHashSet(StringComparer.Ordinal);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            if (await WaitUntil.TrueAsync(async ct =>
                {
                    var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProviderGrain>(id).GetSnapshot())).WaitAsync(ct).ConfigureAwait(false);
                    heard = snapshots.Sum(s => s.Rows.Count(r => r.Key != s.ProviderId && r.Value.FirstBeaconMs is not null && members.Contains(r.Key)));
                    return heard == expected;
                }, Poll, timeout, cancellationToken: cts.Token).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        throw new TimeoutException(
            $"the {ids.Count} providers did not all hear each other's beacons within {timeout.TotalSeconds:0} s ({heard} of {expected} beacon rows filled).");
    }
}
