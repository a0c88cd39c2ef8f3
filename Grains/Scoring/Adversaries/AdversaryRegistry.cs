using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring.Adversaries;

/// <summary>
/// Every adversary kind, one <see cref="AdversaryKind"/> each. The topology, the silo settings, the experiment config
/// and the factory ask it instead of naming kinds: a new kind is its <see cref="IAdversary"/> class and an entry here
/// (docs/research.md, "Adding an adversary kind").
/// </summary>
public static class AdversaryRegistry
{
    private static readonly AdversaryParameter HonestTransactions =
        new("honest_transactions", ConfigName: "on_off_honest", SettingName: "HonestTransactions", Default: 20);

    private static readonly AdversaryParameter LyingTransactions =
        new("lying_transactions", ConfigName: "on_off_lying", SettingName: "LyingTransactions", Default: 0) { ZeroShownAs = "∞" };

    /// <summary>The specification's liar (the default): every message a draw around the honest value, on a 1 MB/s link.</summary>
    public static AdversaryKind Liar { get; } = new()
    {
        Name = AdversaryKinds.Liar,
        Link = FaultyLink.Slow,
        Build = inputs => new LiarAdversary(inputs.Seed),
    };

    /// <summary>The faulty providers act as one: each praises the others (its allies) and runs every honest provider down.</summary>
    public static AdversaryKind Colluder { get; } = new()
    {
        Name = AdversaryKinds.Colluder,
        Link = FaultyLink.Slow,
        GetsAllies = true,
        Build = inputs => new ColluderAdversary(inputs.Allies),
    };

    /// <summary>Honest for <c>honest_transactions</c>, then a liar for <c>lying_transactions</c> (0: for ever), and so on.</summary>
    public static AdversaryKind OnOff { get; } = new()
    {
        Name = AdversaryKinds.OnOff,
        Parameters = [HonestTransactions, LyingTransactions],
        Link = FaultyLink.Claimed,
        Build = inputs => new OnOffAdversary(inputs.Seed, inputs[HonestTransactions], inputs[LyingTransactions]),
    };

    public static IReadOnlyList<AdversaryKind> Kinds { get; } = [Liar, Colluder, OnOff];

    /// <summary>The kinds' names, in the order messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = Kinds.Select(k => k.Name).ToArray();

    /// <summary>Every kind's parameters: the fields of the flat inputs that may set any of them.</summary>
    public static IReadOnlyList<AdversaryParameter> Parameters { get; } = Kinds.SelectMany(k => k.Parameters).ToArray();

    /// <summary>The kind named <paramref name="name"/> (exactly), or null.</summary>
    public static AdversaryKind? Find(string? name) => Kinds.FirstOrDefault(k => k.Name == name);

    /// <summary>The sentence refusing an unknown kind, after its path: "must be one of liar, colluder, on-off, got 'x'.".</summary>
    public static string UnknownKindSentence(string shownValue) => $"must be one of {string.Join(", ", Names)}, got {shownValue}.";

    /// <summary>The kind of <paramref name="settings"/>; an unknown kind throws <see cref="ArgumentException"/> naming it.</summary>
    public static AdversaryKind Of(AdversarySettings settings) =>
        Find(settings.Kind) ?? throw new ArgumentException($"adversary {UnknownKindSentence($"'{settings.Kind}'")}", nameof(settings));

    /// <summary>The name recorded with results (<c>liar</c>, <c>on-off(20/∞)</c>).</summary>
    public static string DisplayName(AdversarySettings settings) => Of(settings).DisplayName(settings);

    /// <summary>
    /// Every value out of range among the parameters <paramref name="settings"/> sets (of any kind, as a flat input
    /// may set them), each named by <paramref name="pathOf"/> (<c>topology.on_off_honest</c>, <c>Auction:Adversary:HonestTransactions</c>).
    /// </summary>
    public static IReadOnlyList<AdversaryProblem> Check(AdversarySettings settings, Func<AdversaryParameter, string> pathOf) =>
        Parameters
            .Where(p => settings.Parameters.ContainsKey(p.Name))
            .Select(p => p.Problem(settings.Parameters[p.Name]) is { } sentence ? new AdversaryProblem(pathOf(p), sentence) : null)
            .OfType<AdversaryProblem>()
            .ToArray();
}
