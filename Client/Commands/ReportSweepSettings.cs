using System.ComponentModel;
using Auction.Client.Cli;
using Auction.Client.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The options of <c>report sweep</c>.</summary>
public sealed class ReportSweepSettings : ReportChartSettings
{
    [CommandArgument(0, "[SWEEP]")]
    [Description("The sweep's id (a UUID) or name.")]
    public string? Sweep { get; init; }

    [CommandOption("--window <FROM..TO>")]
    [Description("The requests the metrics are computed over, numbered from 1 (both included); the default leaves out the 20 requests of the learning phase.")]
    [DefaultValue("21..60")]
    public string Window { get; init; } = "21..60";

    [CommandOption("--csv <FILE>")]
    [Description("Write the table to FILE as CSV (one row per cell and strategy/variant).")]
    public string? Csv { get; init; }

    [CommandOption("--chart <FILE>")]
    [Description("Write a PNG chart of --metric against --axis to FILE.")]
    public string? Chart { get; init; }

    [CommandOption("--axis <NAME>")]
    [Description("Chart: the sweep axis on the x axis. Default: the first axis whose values are numbers, else the first axis.")]
    public string? Axis { get; init; }

    [CommandOption("--metric <METRIC>")]
    [Description("Chart: 'faulty-win-share' or 'mean-rating'.")]
    [DefaultValue(SweepReporter.FaultyWinShare)]
    public string Metric { get; init; } = SweepReporter.FaultyWinShare;

    /// <summary>The request window, once <see cref="Validate"/> read --window.</summary>
    public RequestWindow RequestWindow { get; private set; } = RequestWindow.Default;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Sweep)) return ValidationResult.Error("SWEEP is required: the sweep's id or name, got nothing.");
        if (ValidateChartAndDatabase(Chart) is { Successful: false } refused) return refused;
        if (RequestWindow.Parse(Window) is not { } window)
            return ValidationResult.Error($"--window must be FROM..TO, request numbers counted from 1 with 1 ≤ FROM ≤ TO, got '{Excerpt.Of(Window)}'");
        RequestWindow = window;
        if (!SweepReporter.Metrics.Contains(Metric))
            return ValidationResult.Error($"--metric must be 'faulty-win-share' or 'mean-rating', got '{Excerpt.Of(Metric)}'");
        return ValidationResult.Success();
    }
}
