using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// Parses a strategy selection: one of auction, naive, random, cheapest, a comma list of them, <c>both</c>
/// (= auction,naive) or <c>all</c>. Order is kept (it is the order the strategies run in); duplicates are dropped.
/// </summary>
public static class StrategyList
{
    public const string Both = "both";
    public const string All = "all";

    public static IReadOnlyList<string>? Parse(string text, string path, ConfigIssues issues)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new List<string>();
        var bad = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.ToLowerInvariant();
            IEnumerable<string> expanded = name switch
            {
                Both => [Strategies.Auction, Strategies.Naive],
                All => Strategies.All,
                _ when Strategies.All.Contains(name) => [name],
                _ => [],
            };
            if (!expanded.Any()) bad.Add(raw);
            result.AddRange(expanded.Where(s => !result.Contains(s)).ToArray());
        }

        if (bad.Count > 0 || result.Count == 0)
        {
            issues.Error(path, $"must be {string.Join(", ", Strategies.All)}, a comma list of them, '{Both}' or '{All}', got '{Cli.Excerpt.Of(text)}'.");
            return null;
        }

        return result;
    }
}
