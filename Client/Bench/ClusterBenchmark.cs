using System.Diagnostics;
using Auction.Grains.Experiments;

namespace Auction.Client.Bench;

/// <summary>The figures of one benchmark against a running multi-process cluster.</summary>
public sealed record ClusterBenchRun
{
    public required string Cluster { get; init; }
    public required IReadOnlyList<string> ProviderIds { get; init; }
    public required int Auctions { get; init; }
    public required int WarmupExcluded { get; init; }
    public required int Concurrency { get; init; }
    /// <summary>True: <c>PurchaseRequest.DecisionOnly</c> (no flow, nothing rated or logged).</summary>
    public required bool DecisionOnly { get; init; }
    /// <summary>request → winner known, from the transaction record's RequestedAt and DecidedAt (the consumer grain's clock).</summary>
    public required LatencySummary DecisionMs { get; init; }
    /// <summary>The Purchase call's round trip as the client sees it.</summary>
    public required LatencySummary CallMs { get; init; }
    public required double WallSeconds { get; init; }
    public required double AuctionsPerSecond { get; init; }
    public required int Timeouts { get; init; }
    public required int MissingProviders { get; init; }
    public required int FailedAuctions { get; init; }
    /// <summary>Decisions of 100 ms or more.</summary>
    public required int DecisionsOver100Ms { get; init; }
    public required int SlowerThanDeadline { get; init; }
    /// <summary>Grain calls are not counted across processes; this is the protocol's formula for the mode.</summary>
    public required long FormulaMessagesPerAuction { get; init; }
    public required double LoadAverageBefore { get; init; }
    public required double LoadAverageAfter { get; init; }
    /// <summary>
    /// CPU of the silos on this machine over the idle window before the first auction (empty when --idle-seconds 0);
    /// <see cref="SiloCpu.TotalMsPerSecond"/> is the idle cluster's CPU per second.
    /// </summary>
    public required SiloCpu IdleCpu { get; init; }
    /// <summary>CPU of the silos on this machine over the measured auctions.</summary>
    public required SiloCpu AuctionCpu { get; init; }
    /// <summary>Silo CPU ms per measured auction, background included.</summary>
    public double CpuMsPerAuction => AuctionCpu.MsPer(Auctions);
    /// <summary>Silo CPU ms per measured auction above the idle rate (NaN without an idle window).</summary>
    public double CpuMsPerAuctionAboveIdle => AuctionCpu.MsPerAbove(IdleCpu, Auctions);
    /// <summary>Resident memory of the silos on this machine at the end of the idle window, before the first auction.</summary>
    public required SiloMemory IdleMemory { get; init; }
    /// <summary>Resident memory of the silos after the measured auctions.</summary>
    public required SiloMemory AfterMemory { get; init; }
}

/// <summary>Runs K auctions, C at a time, on a running cluster over the given providers and measures them.</summary>
public static class ClusterBenchmark
{
    public static async Task<ClusterBenchRun> RunAsync(
        IGrainFactory grains, string description, IReadOnlyList<string> providerIds, BenchPlan plan, string? connectionString,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        bool decisionOnly = plan.Mode == BenchMode.Decision;
        // The idle window comes first: nothing of ours runs on the cluster yet (the registry lookup is done), so what
        // the silos use here is their background work — beacons, heartbeats, membership, statistics, the runtime.
        var idleStart = SiloProcesses.Find(connectionString);
        var idleClock = Stopwatch.StartNew();
        if (plan.IdleSeconds > 0)
        {
            progress?.Invoke($"measuring the idle silos' CPU for {plan.IdleSeconds:0.#} s");
            await Task.Delay(TimeSpan.FromSeconds(plan.IdleSeconds), cancellationToken).ConfigureAwait(false);
        }
        var idleEnd = SiloProcesses.Find(connectionString);
        var idleCpu = plan.IdleSeconds > 0 ? SiloCpu.Between(idleStart, idleEnd, idleClock.Elapsed) : SiloCpu.Between([], [], TimeSpan.Zero);
        var idle = SiloMemory.Of(idleEnd);
        var requests = RequestSequence.Generate(TriggerProfile.Reference, plan.Warmup + plan.Auctions, plan.Seed);
        // Real flows (flow mode) may take minutes at a few MB/s: give them the flow runner's own ceiling.
        var callTimeout = TimeSpan.FromMilliseconds(4 * plan.PhaseDeadlineMs) + TimeSpan.FromSeconds(decisionOnly ? 30 : 330);
        if (plan.Warmup > 0)
        {
            progress?.Invoke($"{plan.Warmup} warm-up auctions over {providerIds.Count} providers");
            await AuctionBenchmark.RunBatchAsync(grains, providerIds, requests.Take(plan.Warmup).ToArray(), plan.Concurrency, callTimeout, decisionOnly, cancellationToken)
                .ConfigureAwait(false);
        }

        progress?.Invoke($"{plan.Auctions} measured auctions, {plan.Concurrency} at a time");
        double loadBefore = Machine.LoadAverage();
        var silosBefore = SiloProcesses.Find(connectionString);
        var wall = Stopwatch.StartNew();
        var outcomes = await AuctionBenchmark.RunBatchAsync(grains, providerIds, requests.Skip(plan.Warmup).ToArray(), plan.Concurrency, callTimeout, decisionOnly, cancellationToken)
            .ConfigureAwait(false);
        wall.Stop();
        var silosAfter = SiloProcesses.Find(connectionString);
        var decisions = outcomes.Where(o => o.DecisionMs is not null).Select(o => o.DecisionMs!.Value).ToArray();
        int n = providerIds.Count;
        return new ClusterBenchRun
        {
            Cluster = description,
            ProviderIds = providerIds,
            Auctions = plan.Auctions,
            WarmupExcluded = plan.Warmup,
            Concurrency = plan.Concurrency,
            DecisionOnly = decisionOnly,
            DecisionMs = Percentiles.Summarize(decisions),
            CallMs = Percentiles.Summarize(outcomes.Where(o => !o.TimedOut).Select(o => o.CallMs)),
            WallSeconds = wall.Elapsed.TotalSeconds,
            AuctionsPerSecond = decisions.Length / wall.Elapsed.TotalSeconds,
            Timeouts = outcomes.Count(o => o.TimedOut || o.Missing > 0),
            MissingProviders = outcomes.Sum(o => o.Missing),
            FailedAuctions = outcomes.Count(o => o.Failed),
            DecisionsOver100Ms = decisions.Count(d => d >= 100),
            SlowerThanDeadline = decisions.Count(d => d >= plan.PhaseDeadlineMs),
            FormulaMessagesPerAuction = decisionOnly ? ProtocolModel.DecisionOnlyMessagesPerAuction(n) : ProtocolModel.MessagesPerAuction(n),
            LoadAverageBefore = loadBefore,
            LoadAverageAfter = Machine.LoadAverage(),
            IdleCpu = idleCpu,
            AuctionCpu = SiloCpu.Between(silosBefore, silosAfter, wall.Elapsed),
            IdleMemory = idle,
            AfterMemory = SiloMemory.Of(silosAfter),
        };
    }
}
