namespace Auction.Client.Experiments;

/// <summary>
/// How an experiment session ended, for a command to print and map to an exit code: the experiment ran (its
/// summary says whether it met its limits), the input was wrong (nothing was sent), or the cluster or the database
/// could not be used. Every line is ready to print ("error: …").
/// </summary>
public abstract record ExperimentOutcome
{
    private ExperimentOutcome()
    {
    }

    /// <summary>The experiment ran to its end: completed, failed or interrupted, as its summary says.</summary>
    public sealed record Ran(ExperimentRunSummary Summary) : ExperimentOutcome;

    /// <summary>The input cannot run (providers that do not exist, an unusable client certificate); nothing was sent.</summary>
    public sealed record BadInput(IReadOnlyList<string> Lines) : ExperimentOutcome;

    /// <summary>The cluster or the database could not be reached or used; the line names which and why.</summary>
    public sealed record Unreachable(string Line) : ExperimentOutcome;
}
