using Auction.Client.Results;
using Auction.Grains.Persistence;

namespace Auction.Client.Experiments;

/// <summary>What an experiment run ended with: its row, the status it ended in, the per-strategy summary and the counts a command judges it by.</summary>
public sealed record ExperimentRunSummary
{
    public required ExperimentRow Experiment { get; init; }

    /// <summary>The status the run ended in (also when it could not be written or read back).</summary>
    public required ExperimentStatus Status { get; init; }

    public required IReadOnlyList<ExperimentSummaryRow> Rows { get; init; }

    /// <summary>"database" when the summary was read back from PostgreSQL, "memory" when computed from the returned records.</summary>
    public required string Source { get; init; }

    /// <summary>True when the experiment has rows in PostgreSQL (it can be reported on again).</summary>
    public required bool Stored { get; init; }

    public required int Planned { get; init; }
    public required int Fired { get; init; }
    public required int Returned { get; init; }
    public required int Errors { get; init; }
    public required int Abandoned { get; init; }
    public required int UnansweredRows { get; init; }
    public required bool StatusWritten { get; init; }
    public required int Failed { get; init; }
    public required double FailedShare { get; init; }
    public required double MaxFailedShare { get; init; }

    /// <summary>More of the fired requests failed than the run allows.</summary>
    public bool TooManyFailed => FailedShare > MaxFailedShare;
}
