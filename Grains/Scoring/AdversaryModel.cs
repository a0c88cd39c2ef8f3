namespace Auction.Grains.Scoring;

/// <summary>
/// How a faulty provider lies (docs/algorithm.md "Faulty providers"): every lie is a clamped-normal draw around the
/// honest value. Each kind of lie draws from its own generator, derived from the provider's seed, so that beacons
/// (sent on a timer, at moments no seed fixes) never shift the draws of the bids, scores and consensus values:
/// a sequential experiment replays its auctions' lies exactly.
/// </summary>
public sealed class AdversaryModel(int seed)
{
    private readonly ClampedNormal _bids = new(DerivedSeed(seed, 1));
    private readonly ClampedNormal _beacons = new(DerivedSeed(seed, 2));
    private readonly ClampedNormal _scores = new(DerivedSeed(seed, 3));
    private readonly ClampedNormal _consensus = new(DerivedSeed(seed, 4));

    /// <summary>The seed of one kind of lie's generator.</summary>
    public static int DerivedSeed(int seed, int kind) => unchecked(seed * 31 + kind * 1_000_003);

    /// <summary>Its bid to peers: N(own price, 0.5) in [0.1, 1].</summary>
    public double Bid(double askPrice) => _bids.Next(askPrice, 0.5, 0.1, 1);

    /// <summary>Its beacons: CU = N(honest CU, 100) in [1, 255].</summary>
    public double ChannelUtilization(double honestChannelUtilization) => _beacons.Next(honestChannelUtilization, 100, 1, 255);

    /// <summary>Its score of a peer: each of the six factors drawn N(x, 0.5) in [0.01, 0.99] before multiplying.</summary>
    public double Score(FittingnessComponents honest)
    {
        double Lie(double x) => _scores.Next(x, 0.5, 0.01, 0.99);
        return Lie(honest.Price) * Lie(honest.Speed) * Lie(honest.Uptime) * Lie(honest.Load) * Lie(honest.Strength) * Lie(honest.Feedback);
    }

    /// <summary>
    /// Its consensus on a target: clamp(N(S, 1), −1, 1) / n, with S the sum and n the count of the inlier scores it
    /// would have averaged (the median counts as one inlier when the filter fell back to it).
    /// </summary>
    public double Consensus(FilteredMean honest) => _consensus.Next(honest.InlierSum, 1, -1, 1) / honest.InlierCount;
}
