using System.ComponentModel;
using Auction.Client.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The chart size shared by <c>report experiment</c> and <c>report sweep</c>, and the check of a chart file's name.</summary>
public abstract class ReportChartSettings : RequiredDatabaseSettings
{
    [CommandOption("--width <PIXELS>")]
    [Description("Width of the chart.")]
    [DefaultValue(1000)]
    public int Width { get; init; } = 1000;

    [CommandOption("--height <PIXELS>")]
    [Description("Height of the chart.")]
    [DefaultValue(1200)]
    public int Height { get; init; } = 1200;

    /// <summary>The size and the chart's file name first (they need no database), then the connection string.</summary>
    protected ValidationResult ValidateChartAndDatabase(string? chart)
    {
        if (Width is < 200 or > 10000) return ValidationResult.Error($"--width must be between 200 and 10000 pixels, got {Width}.");
        if (Height is < 200 or > 10000) return ValidationResult.Error($"--height must be between 200 and 10000 pixels, got {Height}.");
        if (chart is not null && !chart.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            return ValidationResult.Error($"--chart must name a .png file, got '{Excerpt.Of(chart)}'.");
        return base.Validate();
    }
}
