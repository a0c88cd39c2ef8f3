using System.Globalization;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Scoring.Adversaries;

/// <summary>
/// One parameter of an adversary kind: a whole number in [<see cref="Minimum"/>, <see cref="Maximum"/>] with a
/// default, and its name in each input that sets it.
/// </summary>
/// <param name="Name">Its name in <see cref="AdversarySettings.Parameters"/> and in per-provider inputs (<c>honest_transactions</c>).</param>
/// <param name="ConfigName">Its field in an experiment config's <c>topology</c> object (<c>on_off_honest</c>).</param>
/// <param name="SettingName">Its silo setting under <c>Auction:Adversary</c> (<c>HonestTransactions</c>, the environment's <c>Auction__Adversary__HonestTransactions</c>).</param>
/// <param name="Default">Its value when it is not set.</param>
public sealed record AdversaryParameter(string Name, string ConfigName, string SettingName, int Default)
{
    public int Minimum { get; init; }
    public int Maximum { get; init; } = int.MaxValue;

    /// <summary>How a display name shows the value 0, when 0 means something else (on-off lying for 0 transactions: ∞, for ever); null shows 0.</summary>
    public string? ZeroShownAs { get; init; }

    /// <summary>Its value in <paramref name="settings"/>: the one set, or the default.</summary>
    public int ValueIn(AdversarySettings settings) => settings.Parameters.TryGetValue(Name, out var value) ? value : Default;

    /// <summary>Why <paramref name="value"/> is refused ("must be ≥ 0, got -1."), or null when it is allowed.</summary>
    public string? Problem(int value) => (value < Minimum || value > Maximum) switch
    {
        false => null,
        true when Maximum == int.MaxValue => $"must be ≥ {Show(Minimum)}, got {Show(value)}.",
        true => $"must be between {Show(Minimum)} and {Show(Maximum)}, got {Show(value)}.",
    };

    /// <summary>The value as a display name shows it.</summary>
    public string Display(int value) => value == 0 && ZeroShownAs is { } shown ? shown : Show(value);

    private static string Show(int value) => value.ToString(CultureInfo.InvariantCulture);
}
