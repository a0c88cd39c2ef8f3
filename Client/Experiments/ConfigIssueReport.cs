using Auction.Client.Cli;

namespace Auction.Client.Experiments;

/// <summary>Prints an experiment config's problems: the first errors, or the warnings when there are none.</summary>
public static class ConfigIssueReport
{
    /// <summary>Writes every error (the first ten) or else the warnings to <paramref name="error"/>; true when there were errors.</summary>
    public static bool Write(ConfigIssues issues, TextWriter error)
    {
        if (issues.HasErrors)
        {
            foreach (var line in ErrorLines(issues)) error.WriteLine(line);
            return true;
        }

        foreach (var warning in issues.Warnings.Take(5)) error.WriteLine($"warning: {Excerpt.Line(warning.Message)}");
        return false;
    }

    /// <summary>The lines that report the errors: the first ten, how many more, and that nothing was sent.</summary>
    public static IReadOnlyList<string> ErrorLines(ConfigIssues issues)
    {
        // the first few: a mangled file can have thousands of bad fields, and the first ones are what to fix first
        var lines = issues.Errors.Take(10).Select(e => $"error: {Excerpt.Line(e.Message)}").ToList();
        if (issues.Errors.Count > 10) lines.Add($"… and {issues.Errors.Count - 10} more error(s).");
        lines.Add($"{issues.Errors.Count} error(s) in the experiment's configuration; nothing was sent.");
        return lines;
    }
}
