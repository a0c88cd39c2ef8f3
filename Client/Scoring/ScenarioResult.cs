namespace Auction.Client.Scoring;

/// <summary>
/// The whole computation of one offline auction, every map in ordinal key order:
/// the providers' score vectors (scorer → target → FF), their consensus vectors (provider → target → FFnew),
/// the consumer's final scores (target → FFfinal) and the winner (null when no provider could win).
/// </summary>
public sealed record ScenarioResult(
    string Aggregator,
    SortedDictionary<string, SortedDictionary<string, double>> Scores,
    SortedDictionary<string, SortedDictionary<string, double>> Consensus,
    SortedDictionary<string, double> Final,
    string? Winner);
