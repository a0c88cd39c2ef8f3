using System.Collections.Immutable;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring.Adversaries;

/// <summary>
/// One kind of faulty provider, with everything that sets it apart: its name, its parameters, how its link is
/// shaped, whether it knows the other faulty providers, how its <see cref="IAdversary"/> is built and how results name
/// it. The kinds are listed in <see cref="AdversaryRegistry"/>.
/// </summary>
public sealed class AdversaryKind
{
    /// <summary>Its name in configs, settings and results (<c>liar</c>, <c>colluder</c>, <c>on-off</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Its parameters, in the order its display name shows them.</summary>
    public IReadOnlyList<AdversaryParameter> Parameters { get; init; } = [];

    /// <summary>How its link is shaped when it is faulty.</summary>
    public required FaultyLink Link { get; init; }

    /// <summary>Whether it is given the other faulty providers as its allies (the colluder).</summary>
    public bool GetsAllies { get; init; }

    /// <summary>Builds its adversary.</summary>
    public required Func<AdversaryInputs, IAdversary> Build { get; init; }

    /// <summary>One of its parameters by name, or null.</summary>
    public AdversaryParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>Settings of this kind with <paramref name="values"/> (parameter name → value; the rest at their defaults).</summary>
    public AdversarySettings Settings(IReadOnlyDictionary<string, int>? values = null) =>
        new() { Kind = Name, Parameters = (values ?? ImmutableSortedDictionary<string, int>.Empty).ToImmutableSortedDictionary() };

    /// <summary>Its adversary for <paramref name="settings"/>, a provider's <paramref name="seed"/> and its <paramref name="allies"/>.</summary>
    public IAdversary Create(AdversarySettings settings, int seed, IEnumerable<string> allies) =>
        Build(new AdversaryInputs(settings, seed, allies.ToArray()));

    /// <summary>The name recorded with results: the kind, then its parameter values when it has any (<c>on-off(20/∞)</c>).</summary>
    public string DisplayName(AdversarySettings settings) => DisplayName(Parameters.Select(p => p.ValueIn(settings)).ToArray());

    /// <summary>The display name for <paramref name="values"/> given in the order of <see cref="Parameters"/>.</summary>
    public string DisplayName(IReadOnlyList<int> values)
    {
        if (values.Count != Parameters.Count)
            throw new ArgumentException($"{Name} has {Parameters.Count} parameters, got {values.Count} values.", nameof(values));
        return Parameters.Count == 0 ? Name : $"{Name}({string.Join('/', Parameters.Select((p, i) => p.Display(values[i])))})";
    }

    /// <summary>
    /// Every problem with a set of this kind's parameter values (name → value) as one provider's input gives them: a
    /// name that is not one of its parameters, a value out of range. Each is named <c>prefix.name</c> (just the name
    /// when <paramref name="prefix"/> is empty).
    /// </summary>
    public IReadOnlyList<AdversaryProblem> Check(IReadOnlyDictionary<string, int> values, string prefix = "")
    {
        var problems = new List<AdversaryProblem>();
        foreach (var (name, value) in values)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (Parameter(name) is not { } parameter)
                problems.Add(new AdversaryProblem(path, Parameters.Count == 0
                    ? $"is not a parameter of {Name} (it has none), got {value}."
                    : $"is not a parameter of {Name} (its parameters: {string.Join(", ", Parameters.Select(p => p.Name))}), got {value}."));
            else if (parameter.Problem(value) is { } sentence)
                problems.Add(new AdversaryProblem(path, sentence));
        }
        return problems;
    }
}
