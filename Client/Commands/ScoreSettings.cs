using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The options of <c>score</c>.</summary>
public sealed class ScoreSettings : CommandSettings
{
    [CommandArgument(0, "[SCENARIO]")]
    [Description("Scenario JSON file, or - to read it from stdin.")]
    public string? Scenario { get; init; }

    public override ValidationResult Validate() => string.IsNullOrEmpty(Scenario)
        ? ValidationResult.Error("SCENARIO is required: a scenario JSON file, or - for stdin, got nothing.")
        : ValidationResult.Success();
}
