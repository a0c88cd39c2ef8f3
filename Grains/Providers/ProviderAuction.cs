using System.Collections.Immutable;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Grains.Providers;

/// <summary>
/// One provider's part in one auction: the bids and score vectors received so far (messages may arrive before
/// the provider's own BUY), and signals that fire when everything expected has arrived.
/// </summary>
/// <remarks>
/// Once the invitation is known everything is kept by participant position (<see cref="ParticipantOrder"/>): an
/// arrival costs one id lookup and an array write, and completion is a count of the expected senders heard from.
/// What arrives before the invitation is held by id and placed when it comes; a sender that does not take part, or
/// a vector of the wrong length, is ignored.
/// </remarks>
internal sealed class ProviderAuction(Guid transactionId, string selfId, DateTimeOffset createdAt)
{
    private readonly TaskCompletionSource _allBids = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allVectors = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<string>? _earlyBids;
    private List<(string Id, ImmutableArray<double> Scores)>? _earlyVectors;
    private bool[] _hasBid = [];
    private int _peerBids;
    private ImmutableArray<double>[] _vectors = [];
    private bool[]? _expectedVectors;
    private int _expectedVectorCount;
    private int _expectedVectorsArrived;

    public Guid TransactionId { get; } = transactionId;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public AuctionInvitation? Invitation { get; private set; }
    public ParticipantOrder? Order { get; private set; }

    /// <summary>This provider's position in the invitation (−1 before it, or when it is not a participant).</summary>
    public int Self { get; private set; } = -1;

    /// <summary>Per position, the score vector received (this provider's own among them), or the default array.</summary>
    public ReadOnlySpan<ImmutableArray<double>> Vectors => _vectors;

    public Task AllBids => _allBids.Task;
    public Task AllVectors => _allVectors.Task;

    /// <summary>Whether the participant at <paramref name="position"/> has bid.</summary>
    public bool HasBid(int position) => _hasBid[position];

    public void Join(AuctionInvitation invitation, ParticipantOrder order)
    {
        Invitation = invitation;
        Order = order;
        Self = order.IndexOf(selfId);
        _hasBid = new bool[order.Count];
        _vectors = new ImmutableArray<double>[order.Count];
        _peerBids = 0;
        if (_earlyBids is not null)
            foreach (string id in _earlyBids) AddBid(id);
        if (_earlyVectors is not null)
            foreach (var (id, scores) in _earlyVectors) AddVector(id, scores);
        (_earlyBids, _earlyVectors) = (null, null);
        CheckBids();
    }

    /// <summary>A peer's bid arrived (its price goes to the peer-score book, not here).</summary>
    public void AddBid(string peerId)
    {
        if (Order is null)
        {
            (_earlyBids ??= []).Add(peerId);
            return;
        }
        int p = Order.IndexOf(peerId);
        if (p < 0 || p == Self || _hasBid[p]) return;
        _hasBid[p] = true;
        _peerBids++;
        CheckBids();
    }

    /// <summary>From now on, waits for a vector from each of the peers at these positions (those whose bids arrived in time).</summary>
    public void ExpectVectorsFrom(ReadOnlySpan<bool> peers)
    {
        _expectedVectors = peers.ToArray();
        _expectedVectorCount = 0;
        _expectedVectorsArrived = 0;
        for (int p = 0; p < _expectedVectors.Length; p++)
        {
            if (!_expectedVectors[p]) continue;
            _expectedVectorCount++;
            if (!_vectors[p].IsDefault) _expectedVectorsArrived++;
        }
        CheckVectors();
    }

    public void AddVector(string scorerId, ImmutableArray<double> scores)
    {
        if (Order is null)
        {
            (_earlyVectors ??= []).Add((scorerId, scores));
            return;
        }
        int s = Order.IndexOf(scorerId);
        if (s < 0 || scores.IsDefault || scores.Length != Order.Count) return;
        bool first = _vectors[s].IsDefault;
        _vectors[s] = scores; // a repeated vector replaces the earlier one
        if (first && _expectedVectors is not null && _expectedVectors[s]) _expectedVectorsArrived++;
        CheckVectors();
    }

    private void CheckBids()
    {
        if (Order is not null && _peerBids == Order.Count - (Self >= 0 ? 1 : 0)) _allBids.TrySetResult();
    }

    private void CheckVectors()
    {
        if (_expectedVectors is not null && _expectedVectorsArrived == _expectedVectorCount) _allVectors.TrySetResult();
    }
}
