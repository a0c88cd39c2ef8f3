using Auction.Client.Cli;
using Auction.Client.Experiments;
using Auction.Client.Reports;
using Auction.Client.Sweeps;
using Auction.Grains.Persistence;

namespace Auction.Client.Commands;

/// <summary>The one place the services' outcomes become the CLI's exit codes (<see cref="ExitCodes"/>).</summary>
public static class OutcomeExitCodes
{
    /// <summary>0 the experiment met its limits, 1 it failed or too many requests failed, 2 bad input, 3 the cluster or database could not be used.</summary>
    public static int Of(ExperimentOutcome outcome) => outcome switch
    {
        ExperimentOutcome.Ran ran => Of(ran.Summary),
        ExperimentOutcome.BadInput => ExitCodes.BadInput,
        ExperimentOutcome.Unreachable => ExitCodes.Unreachable,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "an experiment outcome this mapping does not know"),
    };

    /// <summary>A run that ended: 3 when its final status never reached PostgreSQL, 1 when it failed or too many requests failed, else 0.</summary>
    public static int Of(ExperimentRunSummary summary) =>
        !summary.StatusWritten ? ExitCodes.Unreachable
        : summary.Status == ExperimentStatus.Failed || summary.TooManyFailed ? ExitCodes.Failures
        : ExitCodes.Success;

    /// <summary>0 every experiment of the grid completed, 1 some did not or the sweep was interrupted, 2 bad input, 3 unreachable.</summary>
    public static int Of(SweepOutcome outcome) => outcome switch
    {
        SweepOutcome.Ran ran => ran.Counts.AllCompleted ? ExitCodes.Success : ExitCodes.Failures,
        SweepOutcome.BadInput => ExitCodes.BadInput,
        SweepOutcome.Unreachable => ExitCodes.Unreachable,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a sweep outcome this mapping does not know"),
    };

    /// <summary>0 the report was made, 2 no such experiment or sweep, or a file could not be written, 3 the database could not be used.</summary>
    public static int Of<T>(ReportOutcome<T> outcome) => outcome switch
    {
        ReportOutcome<T>.Made => ExitCodes.Success,
        ReportOutcome<T>.BadInput => ExitCodes.BadInput,
        ReportOutcome<T>.Unreachable => ExitCodes.Unreachable,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a report outcome this mapping does not know"),
    };
}
