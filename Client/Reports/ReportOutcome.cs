namespace Auction.Client.Reports;

/// <summary>
/// How making a report ended, for a command to print and map to an exit code: the report with the lines about the
/// files it wrote, or why there is none. Every failure line is ready to print ("error: …").
/// </summary>
public abstract record ReportOutcome<T>
{
    private ReportOutcome()
    {
    }

    /// <summary>The report, and one line per file written or thing left out of a file (for the reader, not the result).</summary>
    public sealed record Made(T Report, IReadOnlyList<string> Notes) : ReportOutcome<T>;

    /// <summary>Nothing to report on (no such experiment or sweep, an empty window, an unknown axis) or a file that cannot be written.</summary>
    public sealed record BadInput(string Line) : ReportOutcome<T>;

    /// <summary>PostgreSQL could not be reached or used; the line names the server and why.</summary>
    public sealed record Unreachable(string Line) : ReportOutcome<T>;

    /// <summary>The line that says why there is no report; null when there is one.</summary>
    public string? FailureLine => this switch
    {
        BadInput bad => bad.Line,
        Unreachable unreachable => unreachable.Line,
        _ => null,
    };
}
