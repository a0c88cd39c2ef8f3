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
    private readonly PropertyInfo _override;
    private readonly PropertyInfo _target;

    private AuctionParameter(PropertyInfo overrideProperty)
    {
        _override = overrideProperty;
        _target = typeof(AuctionParameters).GetProperty(overrideProperty.Name) is { CanWrite: true } target
            && target.PropertyType == (Nullable.GetUnderlyingType(overrideProperty.PropertyType) ?? overrideProperty.PropertyType)
                ? target
                : throw new InvalidOperationException(
                    $"{nameof(AuctionParameterOverrides)}.{overrideProperty.Name} has no settable {nameof(AuctionParameters)} property of the same name and type.");
        Rule = overrideProperty.GetCustomAttribute<ParameterRule>()
            ?? throw new InvalidOperationException($"{nameof(AuctionParameterOverrides)}.{overrideProperty.Name} declares no {nameof(ParameterRule)}.");
        Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(overrideProperty.Name);
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
    public string SiloName => _override.Name;

    public ParameterRule Rule { get; }

    /// <summary>The value <paramref name="overrides"/> sets, or null when it leaves this parameter alone.</summary>
    public object? ValueIn(AuctionParameterOverrides overrides) => _override.GetValue(overrides);

    internal object ValueIn(AuctionParameters parameters) => _target.GetValue(parameters)!;

    // Only ever on a copy made for the purpose, before anyone else sees it: both records are immutable to their users.
    internal void Set(AuctionParameters copy, object value) => _target.SetValue(copy, value);

    internal void Set(AuctionParameterOverrides copy, object value) => _override.SetValue(copy, value);
}
