using Auction.Client.Results;

namespace Auction.Client.Experiments;

/// <summary>An experiment run's summary as the JSON document of <c>experiment run --json</c>: the stored summary plus the run's counts.</summary>
public static class RunSummaryJson
{
    /// <param name="exitCode">The exit code the command decided for the run, printed as <c>exit_code</c>.</param>
    public static string Write(ExperimentRunSummary s, int exitCode) =>
        SummaryJson.Write(s.Experiment, s.Rows, w =>
        {
            w.WriteString("summary_source", s.Source);
            w.WriteNumber("planned", s.Planned);
            w.WriteNumber("fired", s.Fired);
            w.WriteNumber("returned", s.Returned);
            w.WriteNumber("errors", s.Errors);
            w.WriteNumber("abandoned", s.Abandoned);
            w.WriteNumber("unanswered_rows", s.UnansweredRows);
            w.WriteBoolean("status_written", s.StatusWritten);
            w.WriteNumber("failed", s.Failed);
            w.WriteNumber("failed_share", s.FailedShare);
            w.WriteNumber("max_failed_share", s.MaxFailedShare);
            w.WriteNumber("exit_code", exitCode);
        });
}
