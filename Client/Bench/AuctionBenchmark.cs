using System.Diagnostics;
using Auction.Client.Hosting;
using Auction.Grains;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Grains.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Client.Bench;

/// <summary>What is measured: the auction until the winner is known, or the whole purchase with simulated flows.</summary>
public enum BenchMode
{
    Decision,
    Flow,
}

/// <summary>The settings of one benchmark, for every provider count.</summary>
public sealed record BenchPlan
{
    public required IReadOnlyList<int> ProviderCounts { get; init; }
    public int Auctions { get; init; } = 200;
    public int Warmup { get; init; } = 20;
    public int Concurrency { get; init; } = 8;
    public BenchMode Mode { get; init; } = BenchMode.Decision;
    public int Seed { get; init; } = 42;
    public bool Phases { get; init; }
    /// <summary>Beacon interval once the providers have exchanged their first beacons (long, so beacons stay out of the figures).</summary>
    public long BeaconIntervalMs { get; init; } = 60_000;
    public long PhaseDeadlineMs { get; init; } = AuctionParameters.Default.PhaseDeadlineMs;
    /// <summary>Flow mode: real waiting time of a simulated flow per second of simulated flow time.</summary>
    public double FlowTimeScale { get; init; } = 0.001;
    /// <summary>--cluster: seconds the idle silos' CPU is measured for before the first auction (0: not measured).</summary>
    public double IdleSeconds { get; init; } = 20;
}

/// <summary>The figures of one provider count.</summary>
public sealed record BenchRun
{
    public required int Providers { get; init; }
    public required int Auctions { get; init; }
    public required int WarmupExcluded { get; init; }
    public required int Concurrency { get; init; }
    public required string Mode { get; init; }
    /// <summary>request → winner known, from the transaction record's RequestedAt and DecidedAt (the consumer grain's clock).</summary>
    public required LatencySummary DecisionMs { get; init; }
    /// <summary>The Purchase call's round trip as the client sees it (decision + START_FLOW + flow + TRANSACTION_END + the answer).</summary>
    public required LatencySummary CallMs { get; init; }
    public required double WallSeconds { get; init; }
    public required double AuctionsPerSecond { get; init; }
    /// <summary>CPU time the whole process used during the measured auctions.</summary>
    public required double CpuSeconds { get; init; }
    /// <summary>CPU seconds / (wall seconds × cores): 1 means every core was busy.</summary>
    public required double CpuUtilization { get; init; }
    /// <summary>CPU time of the process per measured auction: the cost of an auction, little disturbed by other load on the machine.</summary>
    public required double CpuMsPerAuction { get; init; }
    /// <summary>The machine's 1-minute load average (/proc/loadavg) when the measurement started and ended: other processes compete for the cores.</summary>
    public required double LoadAverageBefore { get; init; }
    public required double LoadAverageAfter { get; init; }
    public required double MessagesPerAuction { get; init; }
    public required double ProtocolMessagesPerAuction { get; init; }
    public required long FormulaMessagesPerAuction { get; init; }
    public required IReadOnlyDictionary<string, double> MessagesPerAuctionByMethod { get; init; }
    public required IReadOnlyDictionary<string, long> MessageCounts { get; init; }
    /// <summary>Auctions in which a deadline visibly expired: the Purchase call did not answer in time, or some provider was left out (missing).</summary>
    public required int Timeouts { get; init; }
    /// <summary>
    /// Decisions that took at least one phase deadline (2 s by default). A provider whose wait for score vectors ran out
    /// still answers and leaves no trace in the record, so these are the auctions where that may have happened.
    /// </summary>
    public required int SlowerThanDeadline { get; init; }
    public required int FailedAuctions { get; init; }
    /// <summary>Providers the consumer recorded as missing, plus peers left out of a provider's score vector (its bid came too late).</summary>
    public required int MissingProviders { get; init; }
    public required long PeakWorkingSetBytes { get; init; }
    public required long ProcessPeakWorkingSetBytes { get; init; }
    public required double ClusterStartSeconds { get; init; }
    public IReadOnlyList<PhaseFigure>? Phases { get; init; }
}

/// <summary>One phase of the auction: mean and median time (ms) from the previous mark to this one.</summary>
public sealed record PhaseFigure(string Phase, double MeanMs, double P50Ms, double ShareOfDecision);

/// <summary>Runs K auctions among N in-process providers, C at a time, and measures them.</summary>
public static class AuctionBenchmark
{
    public static async Task<BenchRun> RunAsync(int providerCount, BenchPlan plan, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var parameters = new AuctionParameters { BeaconIntervalMs = plan.BeaconIntervalMs, PhaseDeadlineMs = plan.PhaseDeadlineMs };
        var providers = ReferenceTopology.Create(providerCount, parameters, plan.Seed);
        var filter = new BenchCallFilter();
        var log = new DiscardingTransactionLog();
        double timeScale = plan.Mode == BenchMode.Flow ? plan.FlowTimeScale : 0;
        GC.Collect();
        using var sampler = new WorkingSetSampler(TimeSpan.FromMilliseconds(20));
        var startWatch = Stopwatch.StartNew();
        progress?.Invoke($"N={providerCount}: starting the silo and exchanging beacons");
        await using var cluster = await InProcessCluster.StartAsync(new InProcessClusterOptions
        {
            Providers = providers,
            TransactionLog = log,
            ConfigureServices = services => services.AddSingleton<IFlowRunner>(sp => new SimulatedFlowRunner(timeScale, sp.GetRequiredService<AuctionClock>().Time)),
            ConfigureSilo = silo => silo.AddIncomingGrainCallFilter(filter),
            BeaconExchangeTimeout = TimeSpan.FromSeconds(30 + providerCount * 0.2),
        }, cancellationToken).ConfigureAwait(false);
        double startSeconds = startWatch.Elapsed.TotalSeconds;

        var requests = RequestSequence.Generate(TriggerProfile.Reference, plan.Warmup + plan.Auctions, plan.Seed);
        var callTimeout = TimeSpan.FromMilliseconds(4 * plan.PhaseDeadlineMs) + TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(timeScale * 1100);
        if (plan.Warmup > 0)
        {
            progress?.Invoke($"N={providerCount}: {plan.Warmup} warm-up auctions");
            await RunBatchAsync(cluster, requests.Take(plan.Warmup).ToArray(), plan.Concurrency, callTimeout, cancellationToken).ConfigureAwait(false);
        }
        await filter.WaitForQuietAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        filter.Reset();
        filter.TrackPhases = plan.Phases;

        progress?.Invoke($"N={providerCount}: {plan.Auctions} measured auctions, {plan.Concurrency} at a time");
        var cpuBefore = ProcessCpu();
        double loadBefore = Machine.LoadAverage();
        var wall = Stopwatch.StartNew();
        var outcomes = await RunBatchAsync(cluster, requests.Skip(plan.Warmup).ToArray(), plan.Concurrency, callTimeout, cancellationToken).ConfigureAwait(false);
        wall.Stop();
        double cpuSeconds = (ProcessCpu() - cpuBefore).TotalSeconds;
        await filter.WaitForQuietAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var counts = filter.Snapshot();
        long peak = sampler.PeakBytes;

        int k = plan.Auctions;
        long protocol = counts.Where(kv => GrainCallNames.Protocol.Contains(kv.Key)).Sum(kv => kv.Value);
        var decisions = outcomes.Where(o => o.DecisionMs is not null).Select(o => o.DecisionMs!.Value).ToArray();
        var decision = Percentiles.Summarize(decisions);
        return new BenchRun
        {
            Providers = providerCount,
            Auctions = k,
            WarmupExcluded = plan.Warmup,
            Concurrency = plan.Concurrency,
            Mode = plan.Mode.ToString().ToLowerInvariant(),
            DecisionMs = decision,
            CallMs = Percentiles.Summarize(outcomes.Where(o => !o.TimedOut).Select(o => o.CallMs)),
            WallSeconds = wall.Elapsed.TotalSeconds,
            CpuSeconds = cpuSeconds,
            CpuUtilization = cpuSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount,
            CpuMsPerAuction = cpuSeconds * 1000 / k,
            LoadAverageBefore = loadBefore,
            LoadAverageAfter = Machine.LoadAverage(),
            AuctionsPerSecond = outcomes.Count(o => o.DecisionMs is not null) / wall.Elapsed.TotalSeconds,
            MessagesPerAuction = counts.Values.Sum() / (double)k,
            ProtocolMessagesPerAuction = protocol / (double)k,
            FormulaMessagesPerAuction = ProtocolModel.MessagesPerAuction(providerCount),
            MessagesPerAuctionByMethod = counts.ToDictionary(kv => kv.Key, kv => kv.Value / (double)k, StringComparer.Ordinal),
            MessageCounts = counts,
            Timeouts = outcomes.Count(o => o.TimedOut || o.Missing > 0),
            SlowerThanDeadline = decisions.Count(d => d >= plan.PhaseDeadlineMs),
            FailedAuctions = outcomes.Count(o => o.Failed),
            MissingProviders = outcomes.Sum(o => o.Missing),
            PeakWorkingSetBytes = peak,
            ProcessPeakWorkingSetBytes = WorkingSetSampler.ProcessPeakBytes(),
            ClusterStartSeconds = startSeconds,
            Phases = plan.Phases ? PhaseBreakdown(filter.PhasesOf(outcomes.Select(o => o.TransactionId))) : null,
        };
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The outcome of one Purchase as the benchmark sees it.</summary>
    internal sealed record Outcome(Guid TransactionId, double CallMs, double? DecisionMs, bool TimedOut, bool Failed, int Missing);

    /// <summary>Fires the requests at <paramref name="concurrency"/> consumer grains (one per slot), each slot one request at a time.</summary>
    internal static Task<IReadOnlyList<Outcome>> RunBatchAsync(
        InProcessCluster cluster, IReadOnlyList<PlannedRequest> requests, int concurrency, TimeSpan callTimeout, CancellationToken cancellationToken) =>
        RunBatchAsync(cluster.Client, cluster.ProviderIds, requests, concurrency, callTimeout, decisionOnly: false, cancellationToken);

    /// <summary>Fires the requests at <paramref name="concurrency"/> consumer grains of any cluster (one per slot), each slot one request at a time.</summary>
    internal static async Task<IReadOnlyList<Outcome>> RunBatchAsync(
        IGrainFactory grains, IReadOnlyList<string> providerIds, IReadOnlyList<PlannedRequest> requests, int concurrency, TimeSpan callTimeout,
        bool decisionOnly, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[requests.Count];
        int next = -1;
        int n = providerIds.Count;
        async Task Worker(int slot)
        {
            var consumer = grains.GetGrain<IConsumerGrain>($"bench-consumer-{slot}");
            while (true)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= requests.Count) return;
                cancellationToken.ThrowIfCancellationRequested();
                var request = new PurchaseRequest
                {
                    Strategy = Strategies.Auction, Qos = requests[i].Qos, Providers = providerIds, Sequence = requests[i].Sequence, DecisionOnly = decisionOnly,
                };
                long started = Stopwatch.GetTimestamp();
                try
                {
                    var record = await consumer.Purchase(request).WaitAsync(callTimeout, cancellationToken).ConfigureAwait(false);
                    double callMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    double? decisionMs = record.DecidedAt is { } decided ? (decided - record.RequestedAt).TotalMilliseconds : null;
                    int providerSideMissing = record.ScoreVectors.Values.Sum(v => Math.Max(0, n - 1 - v.Count));
                    outcomes[i] = new Outcome(request.TransactionId, callMs, decisionMs, false,
                        record.Outcome != TransactionOutcome.Completed, record.Missing.Count + providerSideMissing);
                }
                catch (TimeoutException)
                {
                    outcomes[i] = new Outcome(request.TransactionId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, true, true, 0);
                }
                catch (OrleansException)
                {
                    // e.g. a silo left the cluster: this auction failed, the others go on
                    outcomes[i] = new Outcome(request.TransactionId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, false, true, 0);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(Worker)).ConfigureAwait(false);
        return outcomes;
    }

    private static IReadOnlyList<PhaseFigure> PhaseBreakdown(IReadOnlyList<PhaseMarks> marks)
    {
        if (marks.Count == 0) return [];
        double total = marks.Average(m => PhaseMarks.Ms(m.Purchase, m.FirstStartFlow));
        PhaseFigure Figure(string name, Func<PhaseMarks, double> ms)
        {
            var values = marks.Select(ms).ToArray();
            var summary = Percentiles.Summarize(values);
            return new PhaseFigure(name, summary.Mean, summary.P50, total > 0 ? summary.Mean / total : 0);
        }
        return
        [
            Figure("Purchase → last BUY delivered (registry lookup, validation, BUY fan-out)", m => PhaseMarks.Ms(m.Purchase, m.LastBuy)),
            Figure("last BUY → last bid delivered (bids, N(N−1))", m => PhaseMarks.Ms(m.LastBuy, m.LastBid)),
            Figure("last bid → last score vector delivered (scoring, vectors, N(N−1))", m => PhaseMarks.Ms(m.LastBid, m.LastVector)),
            Figure("last vector → last consensus delivered (consensus, N)", m => PhaseMarks.Ms(m.LastVector, m.LastConsensus)),
            Figure("last consensus → first START_FLOW (consumer decision)", m => PhaseMarks.Ms(m.LastConsensus, m.FirstStartFlow)),
            Figure("Purchase → first START_FLOW (total)", m => PhaseMarks.Ms(m.Purchase, m.FirstStartFlow)),
        ];
    }
}
