using System.Reflection;
using System.Text.Json;

namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// One auction parameter as readers see it, taken from its <see cref="AuctionParameterOverrides"/> property: its
/// snake_case name (configs and scenarios, by the naming policy of their JSON readers), its silo name (the property's,
/// as the configuration binder reads <c>Auction:Parameters:…</c>) and its rule; it sets the
/// <see cref="AuctionParameters"/> property of the same name.
/// </summary>
public sealed class AuctionParameter
{
    private readonly Accessors _accessors;

    private AuctionParameter(PropertyInfo overrideProperty)
    {
        var target = typeof(AuctionParameters).GetProperty(overrideProperty.Name) is { CanWrite: true } property
            && property.PropertyType == (Nullable.GetUnderlyingType(overrideProperty.PropertyType) ?? overrideProperty.PropertyType)
                ? property
                : throw new InvalidOperationException(
                    $"{nameof(AuctionParameterOverrides)}.{overrideProperty.Name} has no settable {nameof(AuctionParameters)} property of the same name and type.");
        Rule = overrideProperty.GetCustomAttribute<ParameterRule>()
            ?? throw new InvalidOperationException($"{nameof(AuctionParameterOverrides)}.{overrideProperty.Name} declares no {nameof(ParameterRule)}.");
        Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(overrideProperty.Name);
        SiloName = overrideProperty.Name;
        _accessors = (Accessors)typeof(AuctionParameter).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(overrideProperty.PropertyType, target.PropertyType)
            .Invoke(null, [overrideProperty, target])!;
    }

    /// <summary>The properties' accessors as delegates: a consumer checks the parameters of every request, and through PropertyInfo that check took several times longer.</summary>
    private sealed record Accessors(
        Func<AuctionParameterOverrides, object?> Override, Func<AuctionParameters, object> Value, Action<AuctionParameters, object> Set);

    private static Accessors Bind<TOverride, TValue>(PropertyInfo overrideProperty, PropertyInfo target)
    {
        var overrideValue = overrideProperty.GetMethod!.CreateDelegate<Func<AuctionParameterOverrides, TOverride>>();
        var value = target.GetMethod!.CreateDelegate<Func<AuctionParameters, TValue>>();
        var set = target.SetMethod!.CreateDelegate<Action<AuctionParameters, TValue>>();
        return new Accessors(o => overrideValue(o), p => value(p)!, (p, v) => set(p, (TValue)v));
    }

    /// <summary>Every parameter, in the order <see cref="AuctionParameterOverrides"/> declares them.</summary>
    public static IReadOnlyList<AuctionParameter> All { get; } = typeof(AuctionParameterOverrides)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .OrderBy(p => p.MetadataToken)
        .Select(p => new AuctionParameter(p))
        .ToArray();

    /// <summary>The name in experiment configs, sweeps and scenarios: <c>default_peer_feedback</c>.</summary>
    public string Name { get; }

    /// <summary>The silo setting's name below <c>Auction:Parameters</c>: <c>DefaultPeerFeedback</c>.</summary>
    public string SiloName { get; }

    public ParameterRule Rule { get; }

    /// <summary>The value <paramref name="overrides"/> sets, or null when it leaves this parameter alone.</summary>
    public object? ValueIn(AuctionParameterOverrides overrides) => _accessors.Override(overrides);

    /// <summary>This parameter's value in a complete set.</summary>
    public object ValueIn(AuctionParameters parameters) => _accessors.Value(parameters);

    // Only ever on a copy made for the purpose, before anyone else sees it: the record is immutable to its users.
    internal void Set(AuctionParameters copy, object value) => _accessors.Set(copy, value);
}
