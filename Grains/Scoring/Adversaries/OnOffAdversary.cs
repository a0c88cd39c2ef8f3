namespace Auction.Grains.Scoring.Adversaries;

/// <summary>
/// An on-off adversary: honest (true bids, beacons, scores and consensus, and it delivers its claim) for its first
/// <c>honest</c> auctions, then a liar (the specification's draws) delivering 1 MB/s for <c>lying</c> auctions, then
/// honest again, and so on; <c>lying</c> = 0 lies for ever once it started. Transactions (auctions joined, offers
/// given to a baseline strategy) are counted as they come.
/// </summary>
public sealed class OnOffAdversary : IAdversary
{
    private readonly LiarAdversary _liar;
    private readonly int _honest;
    private readonly int _lying;
    private long _joined;

    public OnOffAdversary(int seed, int honest, int lying)
    {
        Require.NonNegative(honest, "honest_transactions");
        Require.NonNegative(lying, "lying_transactions");
        _liar = new LiarAdversary(seed);
        _honest = honest;
        _lying = lying;
    }

    public string Name => AdversaryRegistry.OnOff.DisplayName([_honest, _lying]);

    /// <summary>Whether the transaction joined last (or, before any, the next one) is one it lies in.</summary>
    public bool Lying
    {
        get
        {
            long position = Math.Max(0, _joined - 1);
            if (position < _honest) return false;
            if (_lying == 0) return true;
            return (position % (_honest + _lying)) >= _honest;
        }
    }

    public bool Throttled => Lying;

    public void TransactionJoined() => _joined++;

    public Func<string, double> Bids(double askPrice) => Lying ? _liar.Bids(askPrice) : _ => askPrice;

    public double ChannelUtilization(double honestChannelUtilization, string peer) =>
        Lying ? _liar.ChannelUtilization(honestChannelUtilization, peer) : honestChannelUtilization;

    public double Score(FittingnessComponents? honest, double honestScore, string target) =>
        Lying ? _liar.Score(honest, honestScore, target) : honestScore;

    public double Consensus(FilteredMean honest, string target) => Lying ? _liar.Consensus(honest, target) : honest.Value;
}
