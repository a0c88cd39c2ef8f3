using Auction.Grains.Json;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Client.Experiments;

/// <summary>
/// Reads the adversary of an experiment config's <c>topology</c>: <c>adversary</c> (a kind of the adversary registry)
/// and the kinds' parameters by their config names (<c>on_off_honest</c>, <c>on_off_lying</c> …). Ranges are checked
/// with the rest of the config (<see cref="Check"/>), so a command-line override would be checked alike.
/// </summary>
public static class TopologyAdversaryReader
{
    public static AdversarySettings Read(TopologyJson topology, ConfigIssues issues)
    {
        var adversary = AdversarySettings.Liar;
        if (topology.Adversary is { } kind)
        {
            if (AdversaryRegistry.Find(kind) is not null) adversary = adversary with { Kind = kind };
            else issues.Error("topology.adversary", AdversaryRegistry.UnknownKindSentence($"\"{Cli.Excerpt.Of(kind)}\""));
        }

        foreach (var (field, value) in topology.AdversaryParameters ?? [])
        {
            var path = $"topology.{Cli.Excerpt.Of(field)}";
            if (AdversaryRegistry.Parameters.FirstOrDefault(p => p.ConfigName == field) is not { } parameter)
                issues.Error(path, $"is not a known field (allowed: {string.Join(", ", Fields)}), got {StrictJson.Show(value)}.");
            else if (StrictConverters.WholeInt32Of(value) is { } number)
                adversary = adversary.WithParameter(parameter.Name, number);
            // null reads as absent, as for every other field
            else if (value is not null)
                issues.Error(path, $"{StrictConverters.WholeInt32Sentence}, got {StrictJson.Show(value)}.");
        }
        return adversary;
    }

    /// <summary>Every parameter value out of range, named by its path in the config.</summary>
    public static void Check(AdversarySettings adversary, ConfigIssues issues)
    {
        foreach (var problem in AdversaryRegistry.Check(adversary, p => $"topology.{p.ConfigName}"))
            issues.Error(problem.Path, problem.Sentence);
    }

    /// <summary>The fields a <c>topology</c> object may have: its own and the adversary kinds' parameters.</summary>
    private static IEnumerable<string> Fields =>
        ExperimentConfigJsonContext.Default.TopologyJson.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name)
            .Concat(AdversaryRegistry.Parameters.Select(p => p.ConfigName))
            .Order(StringComparer.Ordinal);
}
