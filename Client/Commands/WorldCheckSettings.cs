using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The options of <c>world check</c>.</summary>
public sealed class WorldCheckSettings : CommandSettings
{
    [CommandArgument(0, "[FILE]")]
    [Description("The world file; its traces are found relative to its folder.")]
    public string? File { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON document, the world's name and its provider ids, instead of one id per line.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() => string.IsNullOrWhiteSpace(File)
        ? ValidationResult.Error("FILE is required: the world file to check, got nothing.")
        : ValidationResult.Success();
}
