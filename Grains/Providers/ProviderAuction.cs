using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Providers;

/// <summary>
/// One provider's part in one auction: the bids and score vectors received so far (messages may arrive before
/// the provider's own BUY), and signals that fire when everything expected has arrived.
/// </summary>
internal sealed class ProviderAuction(Guid transactionId, string selfId, DateTimeOffset createdAt)
{
    private readonly TaskCompletionSource _allBids = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allVectors = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _expectedVectors;

    public Guid TransactionId { get; } = transactionId;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public AuctionInvitation? Invitation { get; private set; }
    public Dictionary<string, double> Bids { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IReadOnlyDictionary<string, double>> Vectors { get; } = new(StringComparer.Ordinal);

    public Task AllBids => _allBids.Task;
    public Task AllVectors => _allVectors.Task;

    public IEnumerable<string> Peers => Invitation?.Participants.Where(p => p != selfId) ?? [];

    public void Join(AuctionInvitation invitation)
    {
        Invitation = invitation;
        CheckBids();
    }

    public void AddBid(string peerId, double price)
    {
        Bids[peerId] = price;
        CheckBids();
    }

    /// <summary>From now on, waits for a vector from each of these peers (those whose bids arrived in time).</summary>
    public void ExpectVectorsFrom(IEnumerable<string> peers)
    {
        _expectedVectors = peers.ToHashSet(StringComparer.Ordinal);
        CheckVectors();
    }

    public void AddVector(string scorerId, IReadOnlyDictionary<string, double> scores)
    {
        Vectors[scorerId] = scores;
        CheckVectors();
    }

    private void CheckBids()
    {
        if (Invitation is not null && Peers.All(Bids.ContainsKey)) _allBids.TrySetResult();
    }

    private void CheckVectors()
    {
        if (_expectedVectors is not null && _expectedVectors.All(Vectors.ContainsKey)) _allVectors.TrySetResult();
    }
}
