using Auction.Grains.Scoring;

namespace Auction.Client.Scoring;

/// <summary>
/// Runs steps 3–5 of the auction offline on a scenario with honest providers, through the scoring core:
/// each provider scores every other one (<see cref="FittingnessCalculator"/>), reaches its consensus over all
/// vectors, its own included (<see cref="ConsensusCalculator"/>), and the consumer decides over all consensus
/// vectors with the providers' prices as their asks (<see cref="DecisionMaker"/>).
/// </summary>
public static class ScenarioScorer
{
    public static ScenarioResult Score(Scenario scenario)
    {
        var parameters = scenario.Parameters;
        var prices = scenario.Providers.ToDictionary(p => p.Id, p => p.Price, StringComparer.Ordinal);
        var ids = scenario.Providers.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();

        var scores = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var scorer in scenario.Providers)
        {
            var vector = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (string target in ids)
            {
                if (target == scorer.Id) continue; // a provider never scores itself
                var row = scorer.Peers.TryGetValue(target, out var known) ? ToPeerScoreRow(known, prices[target], parameters.BeaconTLimitMs) : null;
                vector[target] = FittingnessCalculator.Fittingness(row, scenario.Qos, scenario.NowMs, parameters);
            }
            scores[scorer.Id] = vector;
        }

        var vectors = scores.ToDictionary(
            kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal);
        var consensus = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        foreach (string provider in ids)
        {
            var filtered = ConsensusCalculator.Consensus(provider, ids, vectors, parameters.Tau, parameters.Aggregator);
            consensus[provider] = new SortedDictionary<string, double>(
                filtered.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        }

        var decision = DecisionMaker.Decide(
            consensus.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal),
            prices, parameters.ConsumerTau, parameters.Aggregator);
        var final = new SortedDictionary<string, double>(
            decision.FinalScores.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        return new ScenarioResult(parameters.Aggregator, scores, consensus, final, decision.Winner);
    }

    /// <summary>The row as the scoring core keeps it: one beacon at the start of the run, and the peer's own bid as its last price.</summary>
    private static PeerScoreRow ToPeerScoreRow(ScenarioPeerRow row, double peerPrice, long beaconTLimitMs)
    {
        var peerRow = new PeerScoreRow(row.Uplink, row.Downlink, peerPrice, row.Feedback);
        peerRow.RecordBeacon(row.FirstBeaconMs, row.ChannelUtilization, row.Rssi, beaconTLimitMs);
        return peerRow;
    }
}
