using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring.Adversaries;
using static Auction.Grains.Worlds.WorldProblems;

namespace Auction.Grains.Worlds;

/// <summary>
/// The one place that reads the behaviour a world names — <c>honest</c> or a kind of the adversary registry, with that
/// kind's parameters — for a provider's or a step's <c>behaviour</c> and the adversary of the <c>reference</c> shorthand.
/// </summary>
internal static class BehaviourReader
{
    public static IReadOnlyList<string> Kinds { get; } = [AdversaryKinds.Honest, .. AdversaryRegistry.Names];

    /// <summary>A behaviour as written at <see cref="Path"/>: its allies are null when left out (every other colluder of the world).</summary>
    public sealed record Written(Behaviour Behaviour, IReadOnlyList<string?>? Allies, string Path);

    public static Written? Read(BehaviourJson json, string path, WorldProblems problems)
    {
        // the fields beyond kind and allies are named whatever the kind turns out to be
        var values = AdversaryParameterFields.Read(json.Parameters, WorldJsonContext.Default.BehaviourJson, path, problems);
        if (json.Kind is not { } name)
        {
            problems.Missing($"{path}.kind");
            return null;
        }
        if (!Kinds.Contains(name))
        {
            problems.Add($"{path}.kind", $"must be one of {string.Join(", ", Kinds)}, got {Quoted(name)}.");
            return null;
        }
        var kind = AdversaryRegistry.Find(name);
        var valid = true;
        if (json.Allies is not null && kind is not { GetsAllies: true })
        {
            problems.Add($"{path}.allies", $"is only for a kind that has allies ({string.Join(", ", AdversaryRegistry.Kinds.Where(k => k.GetsAllies).Select(k => k.Name))}), not for {name}, got an array.");
            valid = false;
        }
        if (values is null) return null;
        if (kind is null)
        {
            foreach (var (field, value) in values)
                problems.Add($"{path}.{field}", $"is not a parameter of {name} (it has none), got {value}.");
            return valid && values.Count == 0 ? new Written(Behaviour.Honest, null, path) : null;
        }
        var adversary = Settings(kind, values, path, problems);
        return valid && adversary is not null ? new Written(Behaviour.Faulty(adversary), json.Allies, path) : null;
    }

    /// <summary>
    /// The adversary of the <c>reference</c> shorthand: its kind (liar unless given) and its parameters. Flat, like an
    /// experiment config's <c>topology</c>: it may set any kind's parameters, and only its kind's are used.
    /// </summary>
    public static AdversarySettings? Reference(ReferenceWorldJson json, WorldProblems problems)
    {
        var values = AdversaryParameterFields.Read(json.Parameters, WorldJsonContext.Default.ReferenceWorldJson, "reference", problems);
        var name = json.Adversary ?? AdversaryKinds.Liar;
        if (AdversaryRegistry.Find(name) is null)
        {
            problems.Add("reference.adversary", AdversaryRegistry.UnknownKindSentence(Quoted(name)));
            return null;
        }
        if (values is null) return null;
        var settings = values
            .Aggregate(new AdversarySettings { Kind = name }, (s, value) => s.WithParameter(value.Key, value.Value));
        var found = AdversaryRegistry.Check(settings, p => $"reference.{p.Name}");
        foreach (var problem in found) problems.Add(problem.Path, problem.Sentence);
        return found.Count == 0 ? settings : null;
    }

    private static AdversarySettings? Settings(AdversaryKind kind, IReadOnlyDictionary<string, int> values, string path, WorldProblems problems)
    {
        var found = kind.Check(values, path);
        foreach (var problem in found) problems.Add(problem.Path, problem.Sentence);
        return found.Count == 0 ? kind.Settings(values) : null;
    }
}
