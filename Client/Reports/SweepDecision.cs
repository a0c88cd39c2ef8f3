using System.Globalization;
using System.Text.RegularExpressions;
using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Reports;

/// <summary>
/// What decided a sweep cell's auctions, whatever the sweep called it: the strategy, the aggregator and the consumer's
/// memory weight (null without memory). Two sweeps that label the same decision differently ("memory", "auction +
/// consumer memory 0.8") get the same decision, hence the same colour in their charts.
/// </summary>
public sealed partial record SweepDecision(string Strategy, string Aggregator, string? Memory)
{
    /// <summary>The fields a decision is made of; an axis over one of them draws decisions, not extra lines.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "strategy", "parameters.aggregator", "parameters.consumer_memory",
    };

    [GeneratedRegex(@"memory\s*(?<w>\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex MemoryInLabel();

    /// <summary>The decision's name in charts, the words the results pages use: "naive", "auction (specification)", "auction, median", "auction + consumer memory 0.8".</summary>
    public string Label => Strategy switch
    {
        "auction" when Aggregator == "zscore" && Memory is null => "auction (specification)",
        "auction" => "auction"
                     + (Aggregator == "zscore" ? "" : $", {Aggregator}")
                     + (Memory is null ? "" : Memory.Length == 0 ? " + consumer memory" : $" + consumer memory {Memory}"),
        _ => Aggregator is "none" or "zscore" ? Strategy : $"{Strategy}, {Aggregator}",
    };

    /// <summary>
    /// The decision of one cell × strategy/variant: the variant gives the aggregator and whether the consumer's memory
    /// was on ("zscore+memory"); its weight is the cell's <c>parameters.consumer_memory</c>, else the number after
    /// "memory" in one of the cell's values (a decision axis labelled "auction + consumer memory 0.8"), else unknown ("").
    /// </summary>
    public static SweepDecision Of(SweepCellSummary cell)
    {
        var parts = cell.Variant.Split('+');
        string? memory = null;
        if (parts.Skip(1).Contains("memory"))
        {
            var weight = cell.Cell.GetValueOrDefault("parameters.consumer_memory")
                         ?? cell.Cell.Values.Select(v => MemoryInLabel().Match(v)).FirstOrDefault(m => m.Success)?.Groups["w"].Value;
            memory = weight is not null && double.TryParse(weight, NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                ? w.ToString("0.###", CultureInfo.InvariantCulture)
                : "";
        }
        return new SweepDecision(cell.Strategy, parts[0], memory);
    }

    /// <summary>The decision one transaction was made by: its strategy, its variant's aggregator and the consumer's memory weight it ran with.</summary>
    public static SweepDecision Of(TransactionRecord record)
    {
        var parts = record.Variant.Split('+');
        string? memory = !parts.Skip(1).Contains("memory") ? null
            : record.ConsumerParameters is { ConsumerMemory: > 0 } p ? p.ConsumerMemory.ToString("0.###", CultureInfo.InvariantCulture)
            : "";
        return new SweepDecision(record.Strategy, parts[0], memory);
    }
}
