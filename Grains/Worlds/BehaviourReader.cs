using Auction.Grains.Interfaces.Models;
using static Auction.Grains.Worlds.WorldProblems;

namespace Auction.Grains.Worlds;

/// <summary>
/// The one place that knows the behaviour kinds a world may name and the parameters of each (the adversary kinds of
/// <see cref="AdversaryKinds.All"/> and <c>honest</c>): a provider's or a step's <c>behaviour</c>, and the adversary of
/// the <c>reference</c> shorthand.
/// </summary>
internal static class BehaviourReader
{
    public static IReadOnlyList<string> Kinds { get; } = [AdversaryKinds.Honest, .. AdversaryKinds.All];

    /// <summary>A behaviour as written at <see cref="Path"/>: its allies are null when left out (every other colluder of the world).</summary>
    public sealed record Written(Behaviour Behaviour, IReadOnlyList<string?>? Allies, string Path);

    public static Written? Read(BehaviourJson json, string path, WorldProblems problems)
    {
        if (json.Kind is not { } kind)
        {
            problems.Missing($"{path}.kind");
            return null;
        }
        if (!Kinds.Contains(kind))
        {
            problems.Add($"{path}.kind", $"must be one of {string.Join(", ", Kinds)}, got {Quoted(kind)}.");
            return null;
        }
        var valid = true;
        if (json.Allies is not null && kind != AdversaryKinds.Colluder)
        {
            problems.Add($"{path}.allies", $"is only for a colluder, not for {kind}, got an array.");
            valid = false;
        }
        foreach (var (field, value) in new[] { ("honest_transactions", json.HonestTransactions), ("lying_transactions", json.LyingTransactions) })
        {
            if (kind == AdversaryKinds.OnOff || value is null) continue;
            problems.Add($"{path}.{field}", $"is only for on-off, not for {kind}, got {value}.");
            valid = false;
        }
        if (kind == AdversaryKinds.Honest) return valid ? new Written(Behaviour.Honest, null, path) : null;
        var adversary = Transactions(new AdversarySettings { Kind = kind }, json.HonestTransactions, json.LyingTransactions, path, problems);
        return valid && adversary is not null ? new Written(Behaviour.Faulty(adversary), json.Allies, path) : null;
    }

    /// <summary>The adversary of the <c>reference</c> shorthand: its kind (liar unless given) and on-off periods.</summary>
    public static AdversarySettings? Reference(ReferenceWorldJson json, WorldProblems problems)
    {
        var kind = json.Adversary ?? AdversaryKinds.Liar;
        if (AdversaryKinds.All.Contains(kind))
            return Transactions(new AdversarySettings { Kind = kind }, json.HonestTransactions, json.LyingTransactions, "reference", problems);
        problems.Add("reference.adversary", $"must be one of {string.Join(", ", AdversaryKinds.All)}, got {Quoted(kind)}.");
        return null;
    }

    private static AdversarySettings? Transactions(AdversarySettings adversary, int? honest, int? lying, string path, WorldProblems problems)
    {
        var valid = true;
        if (honest is < 0)
        {
            problems.Add($"{path}.honest_transactions", $"must be ≥ 0, got {honest}.");
            valid = false;
        }
        if (lying is < 0)
        {
            problems.Add($"{path}.lying_transactions", $"must be ≥ 0, got {lying}.");
            valid = false;
        }
        return valid
            ? adversary with { HonestTransactions = honest ?? adversary.HonestTransactions, LyingTransactions = lying ?? adversary.LyingTransactions }
            : null;
    }
}
