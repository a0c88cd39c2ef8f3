namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// How a faulty provider misbehaves: the specification's <c>liar</c> (the default), <c>colluder</c> (faulty
/// providers praise each other and run every honest provider down) or <c>on-off</c> (honest for a while, then a liar
/// delivering 1 MB/s, possibly switching back).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AdversarySettings
{
    [Id(0)] public string Kind { get; init; } = AdversaryKinds.Liar;
    /// <summary>On-off: transactions (auctions it takes part in) it behaves honestly before it starts lying.</summary>
    [Id(1)] public int HonestTransactions { get; init; } = 20;
    /// <summary>On-off: transactions it lies for before it is honest again; 0 lies for ever once it started.</summary>
    [Id(2)] public int LyingTransactions { get; init; }

    public static AdversarySettings Liar { get; } = new();

    /// <summary>The name recorded with results: the kind, with the on-off periods when they matter.</summary>
    public string Describe() => Kind == AdversaryKinds.OnOff
        ? $"{Kind}({HonestTransactions}/{(LyingTransactions == 0 ? "∞" : LyingTransactions.ToString(System.Globalization.CultureInfo.InvariantCulture))})"
        : Kind;
}

/// <summary>Names of the adversary kinds, as they appear in configs and results.</summary>
public static class AdversaryKinds
{
    public const string Liar = "liar";
    public const string Colluder = "colluder";
    public const string OnOff = "on-off";
    /// <summary>Recorded for an honest provider.</summary>
    public const string Honest = "honest";

    public static IReadOnlyList<string> All { get; } = [Liar, Colluder, OnOff];
}
