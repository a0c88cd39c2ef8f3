using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

namespace Auction.Client.Reports;

/// <summary>
/// Where the chart marks a world's schedule changes on its request axis: an <c>at_request</c> step at its request, an
/// <c>at_s</c> step at the first request (of any strategy) whose experiment time reaches it (left out when no transaction carries its
/// experiment time, or none reaches it), and none after the last request, which never felt it. Steps that fall on the
/// same request share one mark, their labels one per line in the order the world writes them.
/// </summary>
public static class WorldMarks
{
    public static IReadOnlyList<WorldMark> For(World world, IReadOnlyCollection<TransactionRecord> records)
    {
        var timed = records.Where(r => r.Time is not null).Select(r => (r.Time!.ElapsedMs, Request: r.Time.Request)).ToArray();
        var last = records.Count == 0 ? 0 : records.Max(RequestNumber);
        var marks = new List<(int Request, string Label)>();
        foreach (var provider in world.Providers)
        {
            foreach (var step in provider.Schedule)
            {
                var request = step.AtRequest ?? FirstReaching(timed, step.AtMs!.Value);
                if (request is { } n && n <= last) marks.Add((n, $"{provider.Id}: {Describe(step)}"));
            }
        }

        return marks.GroupBy(m => m.Request)
            .OrderBy(g => g.Key)
            .Select(g => new WorldMark(g.Key, string.Join("\n", g.Select(m => m.Label))))
            .ToArray();
    }

    /// <summary>What a step changes, in a few words: "2 MB/s", "link down", "ask 0.5", "liar".</summary>
    public static string Describe(ScheduleStep step)
    {
        var parts = new List<string>();
        if (step.LinkUp is { } up) parts.Add(up ? "link up" : "link down");
        if (step.Shaped is { } shaped) parts.Add(Rates(shaped));
        if (step.Impairment is { } impairment)
            parts.Add(impairment.IsNone ? "no delay or loss" : $"delay {Number(impairment.DelayMs)} ms, loss {Number(impairment.LossPercent)} %");
        if (step.AskPrice is { } ask) parts.Add($"ask {Number(ask)}");
        if (step.Claimed is { } claimed) parts.Add($"claims {Rates(claimed)}");
        if (step.SignalStrength is { } signal) parts.Add($"signal {Number(signal)}");
        if (step.Behaviour is { } behaviour) parts.Add(behaviour.Kind);
        return string.Join(", ", parts);
    }

    /// <summary>The 1-based request number of a record: the one its experiment time carries, else its sequence + 1.</summary>
    private static int RequestNumber(TransactionRecord r) => r.Time?.Request ?? (r.Sequence ?? -1) + 1;

    private static int? FirstReaching((long ElapsedMs, int Request)[] timed, long atMs)
    {
        var reaching = timed.Where(t => t.ElapsedMs >= atMs).ToArray();
        return reaching.Length == 0 ? null : reaching.Min(t => t.Request);
    }

    private static string Rates(LinkRates rates) =>
        rates.Uplink == rates.Downlink ? $"{Number(rates.Uplink)} MB/s" : $"up {Number(rates.Uplink)}, down {Number(rates.Downlink)} MB/s";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
