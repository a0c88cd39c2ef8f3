using System.Text.Json;

namespace Auction.Tests.Unit.Client;

/// <summary>
/// A plain, straightforward re-computation of one honest auction straight from docs/algorithm.md, deliberately
/// not calling the scoring core, to check the offline scorer against. Handles the defaults the scenarios use.
/// </summary>
internal static class IndependentAuction
{
    public sealed record Expected(
        Dictionary<string, Dictionary<string, double>> Scores,
        Dictionary<string, Dictionary<string, double>> Consensus,
        Dictionary<string, double> Final,
        string? Winner);

    private static double Sigma(double x) => 1 / (1 + Math.Exp(-x));

    private static double S(double r, double w) => Math.Pow(r, w) / (1 + Math.Pow(r, w));

    public static Expected Compute(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        double now = root.GetProperty("now_ms").GetDouble();
        var q = root.GetProperty("qos");
        double pc = q.GetProperty("price").GetDouble(), uc = q.GetProperty("uplink").GetDouble(), dc = q.GetProperty("downlink").GetDouble();
        double mu = q.GetProperty("mu").GetDouble(), delta = q.GetProperty("delta").GetDouble(), eps = q.GetProperty("epsilon").GetDouble();
        var p = root.TryGetProperty("params", out var pp) ? pp : default;
        double Param(string name, double fallback) =>
            p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
        double tau = Param("tau", 3), consumerTau = Param("consumer_tau", 1);
        double kU = Param("k_uptime", 0.5), kL = Param("k_load", 0.5), kS = Param("k_strength", 0.5), ffDefault = Param("default_peer_ff", 0);

        var providers = root.GetProperty("providers").EnumerateArray().ToList();
        var ids = providers.Select(x => x.GetProperty("id").GetString()!).ToList();
        var price = providers.ToDictionary(x => x.GetProperty("id").GetString()!, x => x.GetProperty("price").GetDouble());
        const double day = 86_400_000;

        // step 3: FF_ij = PF · SF · uptime · load · strength · feedback (default_peer_ff without a row)
        var scores = new Dictionary<string, Dictionary<string, double>>();
        foreach (var provider in providers)
        {
            string i = provider.GetProperty("id").GetString()!;
            var peers = provider.TryGetProperty("peers", out var pe) ? pe : default;
            scores[i] = new Dictionary<string, double>();
            foreach (string j in ids)
            {
                if (j == i) continue;
                if (peers.ValueKind != JsonValueKind.Object || !peers.TryGetProperty(j, out var row))
                {
                    scores[i][j] = ffDefault;
                    continue;
                }
                double Field(string name, double fallback) => row.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
                double t0 = row.GetProperty("first_beacon_ms").GetDouble();
                double cu = row.GetProperty("channel_utilization").GetDouble();
                double rssi = Field("rssi", 125), up = Field("uplink", 50), down = Field("downlink", 50), feedback = Field("feedback", 0.5);
                double pf = ((1 - price[j] / pc) + (eps - 1)) / eps;
                double sf = S(up / uc, mu) * S(down / dc, delta);
                double uptime = Sigma(Math.Min(now - t0, day) / (kU * day));
                double load = Sigma((255 - cu) / (kL * 255));
                double strength = Sigma(rssi / (kS * 255));
                scores[i][j] = pf * sf * uptime * load * strength * feedback;
            }
        }

        // step 4: each provider, for every target t ≠ itself, filters { FF_st : s ≠ t } with τ
        var consensus = new Dictionary<string, Dictionary<string, double>>();
        foreach (string i in ids)
        {
            consensus[i] = new Dictionary<string, double>();
            foreach (string t in ids)
            {
                if (t == i) continue;
                var sample = ids.Where(s => s != t && scores[s].ContainsKey(t)).Select(s => scores[s][t]).ToList();
                if (sample.Count > 0) consensus[i][t] = Filter(sample, tau);
            }
        }

        // step 5: the consumer filters { FFnew_st : s ≠ t } with consumer τ and takes the argmax (ties: price, then id)
        var final = new Dictionary<string, double>();
        foreach (string t in ids)
        {
            var sample = ids.Where(s => s != t && consensus[s].ContainsKey(t)).Select(s => consensus[s][t]).ToList();
            if (sample.Count > 0) final[t] = Filter(sample, consumerTau);
        }
        string? winner = final
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => price[kv.Key])
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key)
            .FirstOrDefault();
        return new Expected(scores, consensus, final, winner);
    }

    /// <summary>Mean of the values within τ population standard deviations of the mean (all when sd = 0), else the median.</summary>
    private static double Filter(List<double> x, double tau)
    {
        double mean = x.Average();
        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count);
        if (sd < 1e-15) return mean;
        var inliers = x.Where(v => Math.Abs(v - mean) <= tau * sd).ToList();
        if (inliers.Count > 0) return inliers.Average();
        var sorted = x.Order().ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
