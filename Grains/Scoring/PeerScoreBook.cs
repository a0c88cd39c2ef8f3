using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring;

/// <summary>A provider's peer-score rows, one per peer it has heard from, created with the parameters' defaults.</summary>
public sealed class PeerScoreBook(AuctionParameters parameters)
{
    private readonly Dictionary<string, PeerScoreRow> _rows = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, PeerScoreRow> Rows => _rows;

    public PeerScoreRow? Find(string peerId) => _rows.GetValueOrDefault(peerId);

    public PeerScoreRow GetOrAdd(string peerId)
    {
        if (!_rows.TryGetValue(peerId, out var row))
        {
            row = new PeerScoreRow(
                parameters.DefaultPeerUplink, parameters.DefaultPeerDownlink,
                parameters.DefaultPeerLastPrice, parameters.DefaultPeerFeedback);
            _rows[peerId] = row;
        }
        return row;
    }
}
