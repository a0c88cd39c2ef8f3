using Auction.Client.Commands;
using Auction.Client.Experiments;
using Auction.Client.Reports;
using Auction.Client.Sweeps;
using Auction.Grains.Persistence;

namespace Auction.Tests.Unit.Client;

/// <summary>
/// The services end in typed outcomes and know no exit codes; the commands map them through OutcomeExitCodes. Each
/// outcome here is what a service would hand back (a fake run), and the code is the one the CLI documents.
/// </summary>
public sealed class OutcomeExitCodesTests
{
    private static ExperimentRunSummary Run(ExperimentStatus status, int fired = 10, int failed = 0, double maxFailedShare = 0.1, bool statusWritten = true) => new()
    {
        Experiment = new ExperimentRow(Guid.NewGuid(), "fake", "auction", 1, "{}", DateTimeOffset.UnixEpoch, null, status),
        Status = status, Rows = [], Source = "memory", Stored = false, Planned = fired, Fired = fired, Returned = fired - failed,
        Errors = 0, Abandoned = 0, UnansweredRows = 0, StatusWritten = statusWritten, Failed = failed,
        FailedShare = fired == 0 ? 0 : failed / (double)fired, MaxFailedShare = maxFailedShare,
    };

    public static TheoryData<ExperimentOutcome, int> ExperimentOutcomes() => new()
    {
        { new ExperimentOutcome.Ran(Run(ExperimentStatus.Completed, failed: 1)), 0 },
        { new ExperimentOutcome.Ran(Run(ExperimentStatus.Interrupted, fired: 4)), 0 },
        { new ExperimentOutcome.Ran(Run(ExperimentStatus.Failed)), 1 },
        // more failed than allowed: 1 even when the run was interrupted before its status became 'failed'
        { new ExperimentOutcome.Ran(Run(ExperimentStatus.Interrupted, failed: 2)), 1 },
        // the final status never reached PostgreSQL: the database, 3, wins over the run's own verdict
        { new ExperimentOutcome.Ran(Run(ExperimentStatus.Failed, statusWritten: false)), 3 },
        { new ExperimentOutcome.BadInput(["error: providers: 'provider-99' is not registered"]), 2 },
        { new ExperimentOutcome.Unreachable("error: cannot use PostgreSQL at 127.0.0.1:1"), 3 },
    };

    [Theory]
    [MemberData(nameof(ExperimentOutcomes))]
    public void An_experiment_outcome_maps_to_its_exit_code(ExperimentOutcome outcome, int expected) =>
        Assert.Equal(expected, OutcomeExitCodes.Of(outcome));

    [Fact]
    public void A_sweep_outcome_maps_to_its_exit_code()
    {
        var id = Guid.NewGuid();
        Assert.Equal(0, OutcomeExitCodes.Of(new SweepOutcome.Ran(new SweepCounts(id, Total: 6, Skipped: 2, Completed: 4, NotCompleted: 0, Interrupted: false))));
        Assert.Equal(1, OutcomeExitCodes.Of(new SweepOutcome.Ran(new SweepCounts(id, 6, 0, 5, NotCompleted: 1, Interrupted: false))));
        Assert.Equal(1, OutcomeExitCodes.Of(new SweepOutcome.Ran(new SweepCounts(id, 6, 0, 3, 0, Interrupted: true))));
        Assert.Equal(2, OutcomeExitCodes.Of(new SweepOutcome.BadInput("error: name: a sweep named 'x' is stored with another config")));
        Assert.Equal(3, OutcomeExitCodes.Of(new SweepOutcome.Unreachable("error: cannot use PostgreSQL")));
    }

    [Fact]
    public void A_report_outcome_maps_to_its_exit_code()
    {
        var report = new SweepReport(Guid.NewGuid(), "grid", ["seed"], [], RequestWindow.Default);
        Assert.Equal(0, OutcomeExitCodes.Of<SweepReport>(new ReportOutcome<SweepReport>.Made(report, ["wrote 0 cell row(s) to cells.csv"])));
        Assert.Equal(2, OutcomeExitCodes.Of<SweepReport>(new ReportOutcome<SweepReport>.BadInput("error: SWEEP 'x': no sweep")));
        Assert.Equal(3, OutcomeExitCodes.Of<ExperimentReport>(new ReportOutcome<ExperimentReport>.Unreachable("error: cannot use PostgreSQL")));
    }
}
