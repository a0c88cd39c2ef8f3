using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The options of <c>report experiment</c> (and of <c>report</c> alone, its default).</summary>
public sealed class ReportExperimentSettings : ReportChartSettings
{
    [CommandArgument(0, "[EXPERIMENT]")]
    [Description("Experiment id (a UUID) or 'latest' (the most recently started). Default: latest.")]
    public string Experiment { get; init; } = "latest";

    [CommandOption("--csv <FILE>")]
    [Description("Write the experiment's transactions to FILE as CSV (one row per transaction).")]
    public string? Csv { get; init; }

    [CommandOption("--chart <FILE>")]
    [Description("Write a PNG chart to FILE: running faulty-win share, rating and measured vs requested throughput per request, per strategy, with the schedule changes of the experiment's world marked.")]
    public string? Chart { get; init; }

    [CommandOption("--json")]
    [Description("Print the summary as JSON instead of a table (the lines about the files then go to stderr).")]
    public bool Json { get; init; }

    /// <summary>The experiment asked for; null for the latest.</summary>
    public Guid? ExperimentId { get; private set; }

    public override ValidationResult Validate()
    {
        if (ValidateChartAndDatabase(Chart) is { Successful: false } refused) return refused;
        var experiment = ExperimentArgument.Parse(Experiment, "EXPERIMENT", out var id);
        ExperimentId = id;
        return experiment;
    }
}
