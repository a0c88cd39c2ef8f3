using Auction.Client.Cli;

namespace Auction.Client.Experiments;

/// <summary>Prints an experiment config's problems: the first errors, or the warnings when there are none.</summary>
public static class ConfigIssueReport
{
    /// <summary>Writes every error (the first ten) and the warnings to <paramref name="error"/>; true when there were errors.</summary>
    public static bool Write(ConfigIssues issues, TextWriter error)
    {
        // the first few: a mangled file can have thousands of bad fields, and the first ones are what to fix first
        foreach (var e in issues.Errors.Take(10)) error.WriteLine($"error: {Excerpt.Line(e.Message)}");
        if (issues.Errors.Count > 10) error.WriteLine($"… and {issues.Errors.Count - 10} more error(s).");
        if (issues.HasErrors)
        {
            error.WriteLine($"{issues.Errors.Count} error(s) in the experiment's configuration; nothing was sent.");
            return true;
        }

        foreach (var warning in issues.Warnings.Take(5)) error.WriteLine($"warning: {Excerpt.Line(warning.Message)}");
        return false;
    }
}
