namespace Auction.Tests.Unit.Scoring;

/// <summary>Builds the scorer → target → score maps the scoring tests feed to the consensus and the decision.</summary>
public static class ScoreMaps
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Of(
        params (string Scorer, (string Target, double Score)[] Scores)[] vectors) =>
        vectors.ToDictionary(
            v => v.Scorer,
            v => (IReadOnlyDictionary<string, double>)v.Scores.ToDictionary(s => s.Target, s => s.Score),
            StringComparer.Ordinal);

    /// <summary>Ask prices by provider id, compared ordinally as the decision does.</summary>
    public static Dictionary<string, double> Prices(params (string Id, double Price)[] prices) =>
        prices.ToDictionary(p => p.Id, p => p.Price, StringComparer.Ordinal);
}
