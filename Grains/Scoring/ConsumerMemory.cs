namespace Auction.Grains.Scoring;

/// <summary>
/// A consumer's own memory of the ratings it gave: per provider a moving average (the feedback rule of docs/algorithm.md,
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
    /// The final scores with the memory blended in: each score is first put on [0, 1] by min–max over the candidates
    /// (s' = (s − min)/(max − min); 1 for all when they are equal), so the blend does not depend on the scale of the
    /// fittingness products, then (1 − w)·s' + w·m, m this provider's remembered rating. w = 0 ranks exactly as the
    /// scores do; w = 1 ranks by the consumer's own experience alone. Lies can move s' by at most 1 − w; a provider
    /// the consumer rated badly loses w·(m_good − m_bad) whatever the others say about it.
    /// </summary>
    public Dictionary<string, double> Blend(IReadOnlyDictionary<string, double> scores, double weight)
    {
        Require.InRange(weight, 0, 1, "consumer_memory");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (scores.Count == 0) return result;
        double min = scores.Values.Min(), max = scores.Values.Max();
        foreach (var (id, score) in scores)
        {
            double normalised = max > min ? (score - min) / (max - min) : 1;
            result[id] = (1 - weight) * normalised + weight * Of(id);
        }
        return result;
    }
}
