using System.Text.Json.Nodes;
using Auction.Client.Scoring;
using Auction.Grains;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Tests.Cluster;

/// <summary>
/// The grains and the offline scorer are one specification: a 3-provider auction on the cluster gives exactly the
/// score vectors, consensus and final scores that <c>auction score</c> computes from the providers' rows.
/// </summary>
public sealed class OfflineScorerAgreementTests
{
    [Fact]
    public async Task A_three_provider_auction_equals_the_offline_scorer_on_the_same_state()
    {
        // the protocol's clock stands still unless the test moves it (Orleans' own timers keep real time)
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        // A beacon limit of a day, so that moving the frozen clock ahead does not look like a beacon gap.
        var parameters = ClusterTopologies.FastParameters() with { BeaconTLimitMs = 86_400_000 };
        // All honest: the offline scorer models honest providers only.
        var providers = Grains.Providers.ReferenceTopology.Create(3, parameters, seed: 5).Select(p => p with { Faulty = false }).ToArray();
        await using var cluster = await AuctionTestCluster.StartAsync(providers, new AuctionClock(clock));
        var ids = providers.Select(p => p.Id).ToArray();
        var consumer = cluster.Consumer("c-agreement");

        // Two earlier transactions give the rows measured speeds and reputations of their own.
        clock.Advance(TimeSpan.FromHours(1));
        var earlier = new[]
        {
            await consumer.Purchase(new PurchaseRequest { Qos = ClusterTopologies.SomeQos(uplink: 40, downlink: 10), Providers = ids }),
            await consumer.Purchase(new PurchaseRequest { Qos = ClusterTopologies.SomeQos(uplink: 8, downlink: 35), Providers = ids }),
        };
        clock.Advance(TimeSpan.FromHours(2));
        var state = await SettledSnapshotsAsync(cluster, ids, earlier);

        var qos = new Qos(Price: 0.45, Uplink: 22, Downlink: 31, Mu: 0.7, Delta: 0.9, Epsilon: 1.5, FlowSizeMb: 5);
        var scenario = ScenarioJson(clock.GetUtcNow().ToUnixTimeMilliseconds(), qos, parameters, providers, state);
        var record = await consumer.Purchase(new PurchaseRequest { Qos = qos, Providers = ids });

        var offline = ScenarioScorer.Score(ScenarioParser.Parse(scenario));
        Assert.Equal(TransactionOutcome.Completed, record.Outcome);
        AssertSame(offline.Scores, record.ScoreVectors);
        AssertSame(offline.Consensus, record.ConsensusVectors);
        AssertSame(offline.Final, record.FinalScores);
        Assert.Equal(offline.Winner, record.Winner);
    }

    /// <summary>
    /// The rows of every provider once the earlier transactions have fully landed: no flow active, every peer holding
    /// each winner's latest measured speeds (their TRANSACTION_END), and beacons advertising the idle load again.
    /// </summary>
    private static async Task<string> SettledSnapshotsAsync(AuctionTestCluster cluster, string[] ids, IReadOnlyList<TransactionRecord> earlier)
    {
        var latestByWinner = earlier.GroupBy(r => r.Winner!).ToDictionary(g => g.Key, g => g.Last());
        string current = "";
        if (await WaitUntil.TrueAsync(async _ =>
        {
            var snapshots = await Task.WhenAll(ids.Select(id => cluster.Provider(id).GetSnapshot()));
            var rows = new JsonObject();
            foreach (var s in snapshots)
                rows[s.ProviderId] = new JsonObject(s.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
                    KeyValuePair.Create(r.Key, (JsonNode?)new JsonObject
                    {
                        ["first_beacon_ms"] = r.Value.FirstBeaconMs,
                        ["channel_utilization"] = r.Value.ChannelUtilization,
                        ["rssi"] = r.Value.Rssi,
                        ["uplink"] = r.Value.Uplink,
                        ["downlink"] = r.Value.Downlink,
                        ["feedback"] = r.Value.Feedback,
                    })));
            current = rows.ToJsonString();
            return snapshots.All(s => s.ActiveFlows == 0
                && s.Rows.Values.All(row => row.ChannelUtilization == 0)
                && latestByWinner.Where(w => w.Key != s.ProviderId).All(w => s.Rows.TryGetValue(w.Key, out var row)
                    && row.Uplink == w.Value.MeasuredUplink && row.Downlink == w.Value.MeasuredDownlink));
        }, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10)))
        {
            return current;
        }
        throw new TimeoutException($"the earlier transactions did not reach every provider's rows within 10 s: {current}");
    }

    private static string ScenarioJson(long nowMs, Qos qos, AuctionParameters p, IReadOnlyList<ProviderConfig> providers, string rows)
    {
        var rowsByProvider = JsonNode.Parse(rows)!.AsObject();
        var scenario = new JsonObject
        {
            ["now_ms"] = nowMs,
            ["qos"] = new JsonObject
            {
                ["price"] = qos.Price, ["uplink"] = qos.Uplink, ["downlink"] = qos.Downlink, ["mu"] = qos.Mu,
                ["delta"] = qos.Delta, ["epsilon"] = qos.Epsilon, ["flow_size"] = qos.FlowSizeMb,
            },
            ["params"] = new JsonObject
            {
                ["tau"] = p.Tau, ["consumer_tau"] = p.ConsumerTau, ["k_uptime"] = p.KUptime, ["k_load"] = p.KLoad,
                ["k_strength"] = p.KStrength, ["default_peer_ff"] = p.DefaultPeerFf,
            },
            ["providers"] = new JsonArray(providers.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["price"] = c.AskPrice,
                ["peers"] = rowsByProvider[c.Id]!.DeepClone(),
            }).ToArray()),
        };
        return scenario.ToJsonString();
    }

    private static void AssertSame<TInner>(
        IReadOnlyDictionary<string, TInner> expected,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> actual) where TInner : IReadOnlyDictionary<string, double>
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, inner) in expected) AssertSame(inner, actual[key]);
    }

    private static void AssertSame(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected) Assert.Equal(value, actual[key], 12);
    }
}
