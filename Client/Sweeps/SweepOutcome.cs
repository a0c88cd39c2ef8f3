namespace Auction.Client.Sweeps;

/// <summary>
/// How a sweep session ended, for a command to print and map to an exit code: the grid ran (its counts say whether
/// every experiment completed), the input was wrong, or the cluster or the database could not be used. Every line
/// is ready to print ("error: …").
/// </summary>
public abstract record SweepOutcome
{
    private SweepOutcome()
    {
    }

    /// <summary>The grid ran, or was interrupted; a rerun resumes what did not complete.</summary>
    public sealed record Ran(SweepCounts Counts) : SweepOutcome;

    /// <summary>The sweep cannot run as given (its name holds another grid, an unusable client certificate); nothing was run.</summary>
    public sealed record BadInput(string Line) : SweepOutcome;

    /// <summary>The cluster or the database could not be reached or used; the line names which and why.</summary>
    public sealed record Unreachable(string Line) : SweepOutcome;
}
