namespace Auction.Client.Reports;

/// <summary>What an experiment report is asked for: which experiment, and the files to write besides the summary.</summary>
public sealed record ExperimentReportRequest
{
    /// <summary>The experiment; null for the latest (the most recently started).</summary>
    public Guid? ExperimentId { get; init; }

    /// <summary>How the command line named the experiment, for the line that says there is no such one.</summary>
    public required string ArgumentName { get; init; }

    /// <summary>Write the transactions to this CSV file; null for none.</summary>
    public string? Csv { get; init; }

    /// <summary>Write a PNG chart to this file; null for none.</summary>
    public string? Chart { get; init; }

    public int Width { get; init; } = 1000;
    public int Height { get; init; } = 1200;
}
