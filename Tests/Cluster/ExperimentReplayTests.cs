using System.Globalization;
using System.Text;
using Auction.Client.Experiments;
using Auction.Grains.Interfaces.Models;
using Xunit.Abstractions;

namespace Auction.Tests.Cluster;

/// <summary>
/// A seeded simulated experiment replays exactly: run twice, the second time on a busy machine (a busy loop on every
/// core and more copies of the same experiment at once) and with its strategies in the other order, it stores the
/// same winner, rating, score vectors, consensus and final scores for every request.
/// </summary>
public sealed class ExperimentReplayTests(ITestOutputHelper output)
{
    private const int Seed = 11;
    private const int Requests = 60;

    // On-off providers change their beacons when they turn, and with a beacon a second a liar draws hundreds of
    // channel utilisations between two requests: how many it drew before an auction decides what its peers saw.
    private static readonly AuctionParameters Parameters = new() { BeaconIntervalMs = 1_000 };

    private static readonly SimulatedTopology OnOff = new()
    {
        Providers = 10,
        Faulty = 5,
        Adversary = new AdversarySettings { Kind = AdversaryKinds.OnOff }, // honest for 20 transactions, then lying for ever
    };

    [Fact]
    public async Task A_seeded_simulated_experiment_stores_the_same_decisions_when_run_again_under_load()
    {
        var first = await RunAsync([Strategies.Auction, Strategies.Naive]);

        IReadOnlyDictionary<string, IReadOnlyList<string>>[] again;
        using (new BusyCores(Environment.ProcessorCount))
        {
            again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync([Strategies.Naive, Strategies.Auction])));
        }

        foreach (var strategy in new[] { Strategies.Auction, Strategies.Naive })
        {
            output.WriteLine($"{strategy}: {first[strategy].Count(d => d.Contains("faulty True", StringComparison.Ordinal))} of {Requests} won by a faulty provider");
            foreach (var run in again) Assert.Equal(first[strategy], run[strategy]);
        }
    }

    /// <summary>Per strategy, every request's decision as one line, in request order.</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> RunAsync(IReadOnlyList<string> strategies) =>
        (await SimulatedRuns.RunAsync(Seed, Requests, strategies, Parameters, OnOff)).ToDictionary(
            kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Records.OrderBy(r => r.Sequence).Select(Decision).ToArray(), StringComparer.Ordinal);

    /// <summary>Everything a request decided and when on the experiment's clock, every number in its round-trip form.</summary>
    internal static string Decision(TransactionRecord r)
    {
        var origin = r.Time!.Origin;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"request {r.Sequence} at {r.Time.ElapsedMs} ms ({r.Time.Clock}), requested +{Ms(r.RequestedAt - origin)} decided +{Ms(r.DecidedAt - origin)} "
            + $"flow +{Ms(r.FlowStartedAt - origin)}..+{Ms(r.FlowEndedAt - origin)}: winner {r.Winner} faulty {r.WinnerFaulty} rating {N(r.Rating)} paid {N(r.PricePaid)}");
        text.Append(CultureInfo.InvariantCulture, $" measured {N(r.MeasuredUplink)}/{N(r.MeasuredDownlink)} missing [{string.Join(',', r.Missing)}]");
        text.Append(" final").Append(Map(r.FinalScores));
        foreach (var (provider, vector) in r.ScoreVectors.OrderBy(kv => kv.Key, StringComparer.Ordinal)) text.Append(" sent ").Append(provider).Append(Map(vector));
        foreach (var (provider, vector) in r.ConsensusVectors.OrderBy(kv => kv.Key, StringComparer.Ordinal)) text.Append(" consensus ").Append(provider).Append(Map(vector));
        return text.ToString();
    }

    private static string Map(IReadOnlyDictionary<string, double> values) =>
        "{" + string.Join(',', values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={N(kv.Value)}")) + "}";

    private static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

    private static string Ms(TimeSpan? offset) => N(offset?.TotalMilliseconds);

    /// <summary>A busy loop on each of <c>count</c> threads until disposed: the machine's load while the second run goes on.</summary>
    private sealed class BusyCores : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread[] _threads;

        public BusyCores(int count)
        {
            _threads = Enumerable.Range(0, count).Select(_ => new Thread(() =>
            {
                var token = _stop.Token;
                while (!token.IsCancellationRequested) Thread.SpinWait(1_000);
            }) { IsBackground = true }).ToArray();
            foreach (var thread in _threads) thread.Start();
        }

        public void Dispose()
        {
            _stop.Cancel();
            foreach (var thread in _threads) thread.Join();
            _stop.Dispose();
        }
    }
}
