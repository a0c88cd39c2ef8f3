using Auction.Client.Cli;
using Auction.Client.Commands;
using Auction.Client.Reports;
using Spectre.Console.Cli.Testing;

namespace Auction.Tests.Unit.Client;

/// <summary>
/// <c>report</c> is a branch: <c>report experiment [ID|latest]</c> (also its default, <c>report [ID|latest]</c>) and
/// <c>report sweep ID|NAME</c>. Each line below is parsed by the CLI's own configuration and runs against a port
/// nothing listens on, so the command reaches its service and the database's refusal comes back as exit 3.
/// </summary>
public sealed class ReportBranchTests
{
    private const string Unreached = "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=5";

    private static (CommandAppResult Result, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var app = new CommandAppTester();
        app.Configure(Auction.Client.Program.Configure(new StandardStreams(error), args));
        return (app.Run([.. args, "--connection", Unreached]), error.ToString());
    }

    [Theory]
    [InlineData("report", "experiment", "latest")]
    [InlineData("report", "latest")]
    [InlineData("report")]
    public void The_latest_experiment_is_reported_by_report_experiment_and_by_report_alone(params string[] args)
    {
        var (result, error) = Run(args);

        var settings = Assert.IsType<ReportExperimentSettings>(result.Settings);
        Assert.Null(settings.ExperimentId);
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: cannot use PostgreSQL at 127.0.0.1:1", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_experiment_id_is_the_argument_of_both_spellings()
    {
        var id = Guid.NewGuid();

        var explicitly = Assert.IsType<ReportExperimentSettings>(Run("report", "experiment", id.ToString()).Result.Settings);
        var byDefault = Assert.IsType<ReportExperimentSettings>(Run("report", id.ToString()).Result.Settings);

        Assert.Equal(id, explicitly.ExperimentId);
        Assert.Equal(id, byDefault.ExperimentId);
    }

    [Fact]
    public void A_sweep_window_is_read_as_request_numbers_from_1()
    {
        var (result, _) = Run("report", "sweep", "headline", "--window", "21..60", "--metric", "mean-rating");

        var settings = Assert.IsType<ReportSweepSettings>(result.Settings);
        Assert.Equal("headline", settings.Sweep);
        Assert.Equal(new RequestWindow(21, 60), settings.RequestWindow);
        Assert.Equal((20, 59), (settings.RequestWindow.FirstSequence, settings.RequestWindow.LastSequence));
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public void The_default_sweep_window_leaves_out_the_first_20_requests()
    {
        var settings = Assert.IsType<ReportSweepSettings>(Run("report", "sweep", "headline").Result.Settings);

        Assert.Equal("21–60", settings.RequestWindow.ToString());
        Assert.Equal(20, settings.RequestWindow.FirstSequence);
    }

    [Theory]
    [InlineData("0..5")]
    [InlineData("5..4")]
    [InlineData("21-60")]
    public void A_window_that_is_not_request_numbers_from_1_is_refused(string window) =>
        Assert.Null(RequestWindow.Parse(window));
}
