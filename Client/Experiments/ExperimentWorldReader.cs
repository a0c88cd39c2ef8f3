using System.Text.Json.Nodes;
using Auction.Grains.Json;
using Auction.Grains.Worlds;

namespace Auction.Client.Experiments;

/// <summary>
/// Reads the world of an experiment (<c>--world FILE</c>, a config's <c>"world"</c>) with the strict world reader and
/// turns each of its problems into a config issue: one sentence naming the file (or the config's field path) and an
/// excerpt of the value.
/// </summary>
public static class ExperimentWorldReader
{
    /// <summary>The world file <paramref name="file"/>; its problems are filed under <paramref name="path"/> (the option or field that named it).</summary>
    public static ExperimentWorld? ReadFile(string file, string path, ConfigIssues issues)
    {
        var (reading, source) = WorldSources.Read(file);
        foreach (var message in reading.Messages) issues.Error(new ConfigIssue(path, message));
        return source is null ? null : new ExperimentWorld(reading.World!, source);
    }

    /// <summary>
    /// A world written inline at <c>world</c> of a config, its traces relative to <paramref name="baseDirectory"/>;
    /// problems are named by their path under <c>world</c>, after <paramref name="origin"/> when the world came from a file.
    /// </summary>
    public static ExperimentWorld? ReadInline(JsonObject world, string baseDirectory, string? origin, ConfigIssues issues)
    {
        var (reading, source) = WorldSources.Parse(world.ToJsonString(), "world", baseDirectory);
        foreach (var problem in reading.Problems) issues.Error(new ConfigIssue(Field, (origin is null ? "" : $"{origin}: ") + Inline(problem)));
        return source is null ? null : new ExperimentWorld(reading.World!, source);
    }

    /// <summary>The config field that gives the world.</summary>
    public const string Field = "world";

    private static string Inline(JsonProblem problem) =>
        problem.Path == WorldReader.DocumentName ? $"{Field} {problem.Sentence}" : $"{Field}.{problem.Path} {problem.Sentence}";
}
