namespace Auction.Grains.Scoring;

/// <summary>
/// A consumer's own memory of the ratings it gave: per provider a moving average (the feedback rule of ALGORITHM.md,
/// γ·rating + (1 − γ)·memory, starting at default_peer_feedback). Unlike the peers' feedback it cannot be lied about:
/// only this consumer's measurements enter it.
/// </summary>
public sealed class ConsumerMemory(double gamma, double initial)
{
    private readonly Dictionary<string, double> _ratings = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Ratings => _ratings;

    /// <summary>The remembered rating of <paramref name="providerId"/> (the initial value when never rated).</summary>
    public double Of(string providerId) => _ratings.GetValueOrDefault(providerId, initial);

    public void Record(string providerId, double rating) =>
        _ratings[providerId] = FeedbackAverage.Update(Of(providerId), rating, gamma);

    /// <summary>
    /// A final score with the memory m blended in with weight w: s·(1 − w·(1 − m)) when s ≥ 0, s·(1 + w·(1 − m))
    /// when s &lt; 0, so a badly rated provider always moves down, whatever the sign of its score; w = 0 leaves s.
    /// </summary>
    public static double Blend(double score, double memory, double weight)
    {
        double penalty = weight * (1 - memory);
        return score >= 0 ? score * (1 - penalty) : score * (1 + penalty);
    }
}
