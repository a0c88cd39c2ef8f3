using ScottPlot;

namespace Auction.Client.Reports;

/// <summary>How one decision is drawn: its colour (hex), marker and place in the legend.</summary>
public sealed record DecisionStyle(string Color, MarkerShape Marker, int Order);

/// <summary>
/// One colour and marker per decision, the same in every panel and every figure: a fixed table for the decisions the
/// studies compare (colour-blind-safe colours, in the legend order of the results pages), and for any other decision a
/// colour chosen by a hash of its name, so that it too keeps its colour from figure to figure.
/// </summary>
public static class DecisionStyles
{
    private static readonly (SweepDecision Decision, string Color, MarkerShape Marker)[] Fixed =
    [
        (new("naive", "none", null), "#D55E00", MarkerShape.FilledCircle),
        (new("auction", "zscore", null), "#0072B2", MarkerShape.FilledSquare),
        (new("auction", "median", null), "#E69F00", MarkerShape.FilledTriangleUp),
        (new("auction", "zscore", "0.5"), "#CC79A7", MarkerShape.FilledDiamond),
        (new("auction", "zscore", "0.8"), "#009E73", MarkerShape.FilledTriangleDown),
        (new("random", "none", null), "#7F7F7F", MarkerShape.OpenCircle),
        (new("cheapest", "none", null), "#000000", MarkerShape.OpenSquare),
    ];

    /// <summary>Colours for decisions outside the table, none of them used by the table.</summary>
    private static readonly string[] Others = ["#56B4E9", "#8C564B", "#9467BD", "#BCBD22", "#17BECF", "#E377C2"];

    private static readonly MarkerShape[] OtherMarkers = [MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.OpenTriangleDown, MarkerShape.Cross];

    public static DecisionStyle For(SweepDecision decision)
    {
        var known = Array.FindIndex(Fixed, f => f.Decision == decision);
        if (known >= 0) return new DecisionStyle(Fixed[known].Color, Fixed[known].Marker, known);
        var hash = StableHash(decision.Label);
        return new DecisionStyle(Others[hash % (uint)Others.Length], OtherMarkers[hash / (uint)Others.Length % (uint)OtherMarkers.Length], Fixed.Length);
    }

    /// <summary>FNV-1a of the name's UTF-16 code units: the same on every run, unlike string.GetHashCode.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
