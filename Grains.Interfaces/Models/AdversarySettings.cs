using System.Collections.Immutable;

namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// How a faulty provider misbehaves: a kind of the adversary registry (Grains/Scoring/Adversaries/AdversaryRegistry.cs:
/// <c>liar</c>, the default, <c>colluder</c>, <c>on-off</c>) and the parameter values that were set, by parameter name;
/// a parameter left out has the registry's default.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AdversarySettings
{
    [Id(0)] public string Kind { get; init; } = AdversaryKinds.Liar;

    /// <summary>
    /// Parameter name (<c>honest_transactions</c> …) → value. Flat inputs (an experiment config's <c>topology</c>, a
    /// silo's <c>Auction:Adversary</c>) may set the parameters of any kind; only the kind's own are used.
    /// </summary>
    [Id(1)] public ImmutableSortedDictionary<string, int> Parameters { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public static AdversarySettings Liar { get; } = new();

    /// <summary>These settings with <paramref name="parameter"/> set to <paramref name="value"/>.</summary>
    public AdversarySettings WithParameter(string parameter, int value) => this with { Parameters = Parameters.SetItem(parameter, value) };

    // Settings are compared by what they say, not by which dictionary instance holds the values.
    public bool Equals(AdversarySettings? other) =>
        other is not null && Kind == other.Kind && Parameters.SequenceEqual(other.Parameters);

    public override int GetHashCode() => HashCode.Combine(Kind, Parameters.Count);
}

/// <summary>
/// Names of the adversary kinds other code refers to, as they appear in configs and results. The list of kinds, with
/// everything that sets each apart, is the adversary registry (Grains/Scoring/Adversaries/AdversaryRegistry.cs).
/// </summary>
public static class AdversaryKinds
{
    public const string Liar = "liar";
    public const string Colluder = "colluder";
    public const string OnOff = "on-off";
    /// <summary>Recorded for an honest provider.</summary>
    public const string Honest = "honest";
}
