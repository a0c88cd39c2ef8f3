using System.Globalization;
using Auction.Client.Statistics;
using Spectre.Console;

namespace Auction.Client.Bench;

/// <summary><c>bench auction</c>'s figures for a reader: one row per provider count, messages by method, phases.</summary>
public static class AuctionBenchTable
{
    public static void Write(IAnsiConsole console, BenchPlan plan, IReadOnlyList<BenchRun> runs)
    {
        if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 200); // a redirected report keeps its table rows whole
        var machine = Machine.Describe();
        console.MarkupLine(Markup.Escape(
            $"bench auction: mode {plan.Mode.ToString().ToLowerInvariant()}, K={plan.Auctions} measured (+{plan.Warmup} warm-up excluded), " +
            $"concurrency {plan.Concurrency}, seed {plan.Seed}; {machine.Cores} cores, {machine.Gc} GC, {machine.Runtime}"));
        var table = new Table().Border(TableBorder.Rounded).Caption($"percentiles: {Quantiles.Definition}");
        foreach (string column in new[] { "N", "decision p50 ms", "p95", "p99", "call p50 ms", "auctions/s", "msgs/auction", "formula", "timeouts", "missing", "failed", "≥ deadline", "CPU ms/auction", "CPU use", "load avg", "peak WS MiB" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var r in runs)
        {
            table.AddRow(
                r.Providers.ToString(CultureInfo.InvariantCulture),
                F(r.DecisionMs.P50), F(r.DecisionMs.P95), F(r.DecisionMs.P99), F(r.CallMs.P50),
                F(r.AuctionsPerSecond),
                r.ProtocolMessagesPerAuction.ToString("0.##", CultureInfo.InvariantCulture),
                r.FormulaMessagesPerAuction.ToString(CultureInfo.InvariantCulture),
                r.Timeouts.ToString(CultureInfo.InvariantCulture),
                r.MissingProviders.ToString(CultureInfo.InvariantCulture),
                r.FailedAuctions.ToString(CultureInfo.InvariantCulture),
                r.SlowerThanDeadline.ToString(CultureInfo.InvariantCulture),
                F(r.CpuMsPerAuction),
                r.CpuUtilization.ToString("P0", CultureInfo.InvariantCulture),
                r.LoadAverageBefore.ToString("0.0", CultureInfo.InvariantCulture),
                (r.PeakWorkingSetBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape(
            "decision = request → winner known (TransactionRecord.DecidedAt − RequestedAt); call = Purchase round trip at the client. " +
            "msgs/auction = grain calls of the auction protocol counted by an incoming call filter / K; formula = 2N(N−1) + 4N + 2. " +
            "timeouts = auctions with a call not answered in time or a provider left out (missing = how many were left out); " +
            "≥ deadline = decisions that took at least one phase deadline (where a provider's unseen wait for vectors may have run out). CPU use = process CPU / (wall × cores); " +
            "load avg = the machine's 1-minute load average when the measurement began (other processes compete for the cores)."));
        var methods = new Table().Border(TableBorder.Simple).AddColumn("messages per auction, by method");
        foreach (var r in runs) methods.AddColumn(new TableColumn($"N={r.Providers}").RightAligned());
        foreach (string method in runs.SelectMany(r => r.MessagesPerAuctionByMethod.Keys).Distinct().Order(StringComparer.Ordinal))
            methods.AddRow([method, .. runs.Select(r => r.MessagesPerAuctionByMethod.GetValueOrDefault(method).ToString("0.##", CultureInfo.InvariantCulture))]);
        console.Write(methods);
        foreach (var r in runs.Where(r => r.Phases is { Count: > 0 }))
        {
            var phases = new Table().Border(TableBorder.Simple).Title($"phases, N={r.Providers}")
                .AddColumn("phase").AddColumn(new TableColumn("mean ms").RightAligned()).AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
            foreach (var p in r.Phases!) phases.AddRow(Markup.Escape(p.Phase), F(p.MeanMs), F(p.P50Ms), p.ShareOfDecision.ToString("P0", CultureInfo.InvariantCulture));
            console.Write(phases);
        }
    }

    internal static string F(double value) => double.IsNaN(value) ? "–" : value.ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture);
}
