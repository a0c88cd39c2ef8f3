using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The options of <c>results</c>.</summary>
public sealed class ResultsSettings : RequiredDatabaseSettings
{
    [CommandOption("--experiment <ID>")]
    [Description("Experiment id (a UUID) or 'latest' (the most recently started). Default: latest.")]
    [DefaultValue("latest")]
    public string Experiment { get; init; } = "latest";

    [CommandOption("--csv <FILE>")]
    [Description("Also write the experiment's transactions to FILE as CSV (one row per transaction); the line that says so goes to stderr.")]
    public string? Csv { get; init; }

    /// <summary>The experiment asked for; null for the latest.</summary>
    public Guid? ExperimentId { get; private set; }

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } database) return database;
        var experiment = ExperimentArgument.Parse(Experiment, "--experiment", out var id);
        ExperimentId = id;
        return experiment;
    }
}
