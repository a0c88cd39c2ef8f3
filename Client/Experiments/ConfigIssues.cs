using System.Globalization;

namespace Auction.Client.Experiments;

/// <summary>One problem found in an experiment's configuration: the field's path (a JSON path or a command-line option) and a sentence naming its value.</summary>
public sealed record ConfigIssue(string Path, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// Collects every error and warning of an experiment's configuration, so that all of them are reported at once
/// (errors stop the run before anything is sent; warnings are printed and the run goes on).
/// </summary>
public sealed class ConfigIssues
{
    private readonly List<ConfigIssue> _errors = [];
    private readonly List<ConfigIssue> _warnings = [];

    public IReadOnlyList<ConfigIssue> Errors => _errors;
    public IReadOnlyList<ConfigIssue> Warnings => _warnings;
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Adds an error; <paramref name="sentence"/> starts after the path, e.g. "must be ≥ 0, got -1.".</summary>
    public void Error(string path, string sentence) => _errors.Add(new ConfigIssue(path, $"{path} {sentence}"));

    /// <summary>Adds an error found elsewhere (for example by another <see cref="ConfigIssues"/>), as it is.</summary>
    public void Error(ConfigIssue issue) => _errors.Add(issue);

    public void Warning(string path, string sentence) => _warnings.Add(new ConfigIssue(path, $"{path} {sentence}"));

    /// <summary>A number as the error messages show it: shortest round-trip form, invariant culture.</summary>
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Thrown when a configuration has errors; carries all of them.</summary>
public sealed class ExperimentConfigException(IReadOnlyList<ConfigIssue> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.Message)))
{
    public IReadOnlyList<ConfigIssue> Errors { get; } = errors;
}
