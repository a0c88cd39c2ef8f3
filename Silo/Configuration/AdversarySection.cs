using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Silo.Configuration;

/// <summary>
/// Reads a silo's <c>Auction:Adversary</c> settings: <c>Kind</c> and the parameters of the adversary kinds by their
/// setting names (<c>Auction__Adversary__HonestTransactions</c> …), as <see cref="AdversaryRegistry"/> names them.
/// </summary>
public static class AdversarySection
{
    public const string Path = "Auction:Adversary";
    public const string KindSetting = "Kind";

    /// <summary>The settings; every problem (an unknown kind or setting, a value that is not a whole number or out of range) in one <see cref="SiloConfigurationException"/>.</summary>
    public static AdversarySettings Read(IReadOnlyDictionary<string, string?> section)
    {
        var problems = new List<string>();
        var adversary = AdversarySettings.Liar;
        if (Value(section, KindSetting) is { } kind)
        {
            if (AdversaryRegistry.Find(kind) is null) problems.Add($"{Path}:{KindSetting} {AdversaryRegistry.UnknownKindSentence($"'{kind}'")}");
            else adversary = adversary with { Kind = kind };
        }
        foreach (var parameter in AdversaryRegistry.Parameters)
        {
            if (Value(section, parameter.SettingName) is not { } text) continue;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) adversary = adversary.WithParameter(parameter.Name, value);
            else problems.Add($"{Path}:{parameter.SettingName} must be a whole number, got '{text}'.");
        }
        problems.AddRange(AdversaryRegistry.Check(adversary, p => $"{Path}:{p.SettingName}").Select(p => p.Message));
        var known = AdversaryRegistry.Parameters.Select(p => p.SettingName).Prepend(KindSetting).ToArray();
        foreach (var unknown in section.Keys.Where(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            problems.Add($"{Path}:{unknown} is not a known setting (known: {string.Join(", ", known)}).");
        if (problems.Count > 0) throw new SiloConfigurationException(string.Join(" ", problems));
        return adversary;
    }

    // Setting names are case-insensitive, as everywhere in .NET configuration; a setting with no value is not set.
    private static string? Value(IReadOnlyDictionary<string, string?> section, string name) =>
        section.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
