namespace Auction.Grains.Scoring.Adversaries;

/// <summary>
/// A colluder: the faulty providers act as one. Each presents itself as perfect (the lowest bid a liar may draw,
/// 0.1, and the lowest channel utilisation, 1, to every peer), scores its allies as perfect (1) and every honest
/// provider as worst (0) in its score vector and again in its consensus; deterministic, so every colluder says the
/// same thing every time. To the consumer it reports its real ask price, as the specification's liar does.
/// </summary>
public sealed class ColluderAdversary(IEnumerable<string> allies) : IAdversary
{
    public const double LowestBid = 0.1;
    public const double LowestChannelUtilization = 1;
    public const double Perfect = 1;
    public const double Worst = 0;

    private readonly HashSet<string> _allies = new(allies, StringComparer.Ordinal);

    public string Name => AdversaryRegistry.Colluder.Name;

    // Its link is shaped to 1 MB/s already: nothing to hold back on top of it.
    public bool Throttled => false;

    public void TransactionJoined()
    {
    }

    public Func<string, double> Bids(double askPrice) => _ => LowestBid;

    public double ChannelUtilization(double honestChannelUtilization, string peer) => LowestChannelUtilization;

    public double Score(FittingnessComponents? honest, double honestScore, string target) => Judge(target);

    public double Consensus(FilteredMean honest, string target) => Judge(target);

    private double Judge(string target) => _allies.Contains(target) ? Perfect : Worst;
}
