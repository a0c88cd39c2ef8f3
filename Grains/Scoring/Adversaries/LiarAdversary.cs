namespace Auction.Grains.Scoring.Adversaries;

/// <summary>
/// The specification's liar (docs/algorithm.md, "Faulty providers"): every message a clamped-normal draw around the honest
/// value (<see cref="AdversaryModel"/>); one bid per auction, the same to every peer.
/// </summary>
public sealed class LiarAdversary(int seed) : IAdversary
{
    private readonly AdversaryModel _model = new(seed);

    public string Name => AdversaryRegistry.Liar.Name;

    // Its link is shaped to 1 MB/s already: nothing to hold back on top of it.
    public bool Throttled => false;

    public void TransactionJoined()
    {
    }

    public Func<string, double> Bids(double askPrice)
    {
        double bid = _model.Bid(askPrice);
        return _ => bid;
    }

    public double ChannelUtilization(double honestChannelUtilization, string peer) => _model.ChannelUtilization(honestChannelUtilization);

    public double Score(FittingnessComponents? honest, double honestScore, string target) =>
        honest is { } components ? _model.Score(components) : honestScore;

    public double Consensus(FilteredMean honest, string target) => _model.Consensus(honest);
}
