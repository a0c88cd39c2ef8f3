using System.Globalization;
using Auction.Client.Statistics;
using Spectre.Console;

namespace Auction.Client.Bench;

/// <summary><c>bench auction --cluster</c>'s figures for a reader: latency and CPU, idle CPU, the silos' memory.</summary>
public static class ClusterBenchTable
{
    public static void Write(IAnsiConsole console, BenchPlan plan, ClusterBenchRun r)
    {
        if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 200); // a redirected report keeps its table rows whole
        var F = AuctionBenchTable.F;
        var machine = Machine.Describe();
        console.MarkupLine(Markup.Escape(
            $"bench auction --cluster: {r.Cluster}; {r.ProviderIds.Count} live providers, {(r.DecisionOnly ? "decision-only requests" : "full purchases with real flows")}, " +
            $"K={r.Auctions} measured (+{r.WarmupExcluded} warm-up excluded), concurrency {r.Concurrency}, seed {plan.Seed}; client: {machine.Cores} cores, {machine.Runtime}"));
        var table = new Table().Border(TableBorder.Rounded).Caption($"percentiles: {Quantiles.Definition}");
        foreach (string column in new[] { "N", "C", "decision p50 ms", "p95", "p99", "max", "≥ 100 ms", "call p50 ms", "auctions/s", "msgs/auction", "timeouts", "missing", "failed", "silo CPU ms/auction", "above idle", "load avg" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.AddRow(
            r.ProviderIds.Count.ToString(CultureInfo.InvariantCulture), r.Concurrency.ToString(CultureInfo.InvariantCulture),
            F(r.DecisionMs.P50), F(r.DecisionMs.P95), F(r.DecisionMs.P99), F(r.DecisionMs.Max),
            r.DecisionsOver100Ms.ToString(CultureInfo.InvariantCulture), F(r.CallMs.P50), F(r.AuctionsPerSecond),
            $"not counted ({r.FormulaMessagesPerAuction.ToString(CultureInfo.InvariantCulture)} by formula)",
            r.Timeouts.ToString(CultureInfo.InvariantCulture), r.MissingProviders.ToString(CultureInfo.InvariantCulture),
            r.FailedAuctions.ToString(CultureInfo.InvariantCulture), F(r.CpuMsPerAuction), F(r.CpuMsPerAuctionAboveIdle),
            r.LoadAverageBefore.ToString("0.0", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine(Markup.Escape(r.IdleCpu.Silos == 0
            ? "idle cluster CPU: not measured (--idle-seconds 0, or no silo of this cluster runs on this machine)"
            : $"idle cluster CPU: {F(r.IdleCpu.TotalMsPerSecond)} ms per second over {r.IdleCpu.WallSeconds:0.0} s, {r.IdleCpu.Silos} silos " +
              $"(provider silos together {F(r.IdleCpu.ProviderMsPerSecond)}, consumer {F(r.IdleCpu.OtherMsPerSecond)})" +
              (r.IdleCpu.Changed > 0 ? $"; {r.IdleCpu.Changed} silo(s) started or stopped in the window and are not counted" : "")));

        var memory = new Table().Border(TableBorder.Rounded).AddColumn("silo RSS (VmRSS)")
            .AddColumn(new TableColumn("provider silos").RightAligned()).AddColumn(new TableColumn("min MiB").RightAligned())
            .AddColumn(new TableColumn("median MiB").RightAligned()).AddColumn(new TableColumn("max MiB").RightAligned())
            .AddColumn(new TableColumn("provider PSS median MiB").RightAligned())
            .AddColumn(new TableColumn("consumer silo MiB").RightAligned());
        foreach (var (label, m) in new[] { ("idle (before the first auction)", r.IdleMemory), ("after the measured auctions", r.AfterMemory) })
        {
            memory.AddRow(label, m.ProviderSilos.ToString(CultureInfo.InvariantCulture), Mib(m.ProviderMinBytes), Mib(m.ProviderMedianBytes), Mib(m.ProviderMaxBytes), Mib(m.ProviderMedianPssBytes),
                m.ConsumerBytes.Count == 0 ? "–" : string.Join(", ", m.ConsumerBytes.Select(Mib)));
        }
        console.Write(memory);
        console.MarkupLine(Markup.Escape(
            "decision = request → winner known (TransactionRecord.DecidedAt − RequestedAt, the consumer grain's clock); call = Purchase round trip at the client. " +
            "msgs/auction: grain calls are counted only in-process; the formula is 2N(N−1) + 2N + 2 for decision-only auctions (2N(N−1) + 4N + 2 with flows). " +
            "silo CPU = user + system time of the silo processes on this machine over the measured auctions / K; above idle subtracts the idle cluster's CPU per second × the wall time. " +
            "Silo RSS: the Auction.Silo processes on this machine (/proc/<pid>/status VmRSS; PSS from smaps_rollup shares the pages of the runtime's files among the silos that map them" +
            (r.IdleMemory.Silos.Count == 0 ? "; none found here: the silos run elsewhere" : "") + ")."));
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
