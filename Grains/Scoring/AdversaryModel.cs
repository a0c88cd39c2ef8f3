namespace Auction.Grains.Scoring;

/// <summary>
/// How a faulty provider lies (ALGORITHM.md "Faulty providers"): every lie is a clamped-normal draw around the
/// honest value, from the provider's own seeded generator.
/// </summary>
public sealed class AdversaryModel(ClampedNormal random)
{
    /// <summary>Its bid to peers: N(own price, 0.5) in [0.1, 1].</summary>
    public double Bid(double askPrice) => random.Next(askPrice, 0.5, 0.1, 1);

    /// <summary>Its beacons: CU = N(honest CU, 100) in [1, 255].</summary>
    public double ChannelUtilization(double honestChannelUtilization) => random.Next(honestChannelUtilization, 100, 1, 255);

    /// <summary>Its score of a peer: each of the six factors drawn N(x, 0.5) in [0.01, 0.99] before multiplying.</summary>
    public double Score(FittingnessComponents honest)
    {
        double Lie(double x) => random.Next(x, 0.5, 0.01, 0.99);
        return Lie(honest.Price) * Lie(honest.Speed) * Lie(honest.Uptime) * Lie(honest.Load) * Lie(honest.Strength) * Lie(honest.Feedback);
    }

    /// <summary>
    /// Its consensus on a target: clamp(N(S, 1), −1, 1) / n, with S the sum and n the count of the inlier scores it
    /// would have averaged (the median counts as one inlier when the filter fell back to it).
    /// </summary>
    public double Consensus(FilteredMean honest) => random.Next(honest.InlierSum, 1, -1, 1) / honest.InlierCount;
}
