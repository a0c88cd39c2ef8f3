using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Providers;

/// <summary>
/// One provider's part in one auction: the bids and score vectors received so far (messages may arrive before
/// the provider's own BUY), and signals that fire when everything expected has arrived.
/// </summary>
/// <remarks>
/// Completion is tracked by counting the expected senders heard from (each counted once), so an arrival costs
/// O(1) instead of a scan of every participant.
/// </remarks>
internal sealed class ProviderAuction(Guid transactionId, string selfId, DateTimeOffset createdAt)
{
    private readonly TaskCompletionSource _allBids = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allVectors = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _peers;
    private int _peerBids;
    private HashSet<string>? _expectedVectors;
    private int _expectedVectorsArrived;

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
        _peers = new HashSet<string>(StringComparer.Ordinal);
        foreach (string p in invitation.Participants)
            if (p != selfId) _peers.Add(p);
        _peerBids = 0;
        foreach (string p in _peers)
            if (Bids.ContainsKey(p)) _peerBids++;
        CheckBids();
    }

    public void AddBid(string peerId, double price)
    {
        if (Bids.TryAdd(peerId, price))
        {
            if (_peers is not null && _peers.Contains(peerId)) _peerBids++;
        }
        else
        {
            Bids[peerId] = price;
        }
        CheckBids();
    }

    /// <summary>From now on, waits for a vector from each of these peers (those whose bids arrived in time).</summary>
    public void ExpectVectorsFrom(IEnumerable<string> peers)
    {
        _expectedVectors = peers.ToHashSet(StringComparer.Ordinal);
        _expectedVectorsArrived = 0;
        foreach (string p in _expectedVectors)
            if (Vectors.ContainsKey(p)) _expectedVectorsArrived++;
        CheckVectors();
    }

    public void AddVector(string scorerId, IReadOnlyDictionary<string, double> scores)
    {
        if (Vectors.TryAdd(scorerId, scores))
        {
            if (_expectedVectors is not null && _expectedVectors.Contains(scorerId)) _expectedVectorsArrived++;
        }
        else
        {
            Vectors[scorerId] = scores;
        }
        CheckVectors();
    }

    private void CheckBids()
    {
        if (_peers is not null && _peerBids == _peers.Count) _allBids.TrySetResult();
    }

    private void CheckVectors()
    {
        if (_expectedVectors is not null && _expectedVectorsArrived == _expectedVectors.Count) _allVectors.TrySetResult();
    }
}
