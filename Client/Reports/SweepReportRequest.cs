namespace Auction.Client.Reports;

/// <summary>What a sweep report is asked for: which sweep, over which requests, and the files to write besides the table.</summary>
public sealed record SweepReportRequest
{
    /// <summary>The sweep's id or name, as typed.</summary>
    public required string Sweep { get; init; }

    public RequestWindow Window { get; init; } = RequestWindow.Default;

    /// <summary>The chart's x axis; null for the first axis whose values are numbers, else the first axis.</summary>
    public string? Axis { get; init; }

    /// <summary>The chart's metric: 'faulty-win-share' or 'mean-rating'.</summary>
    public string Metric { get; init; } = SweepReporter.FaultyWinShare;

    /// <summary>Write the cells' table to this CSV file; null for none.</summary>
    public string? Csv { get; init; }

    /// <summary>Write a PNG chart of <see cref="Metric"/> against <see cref="Axis"/> to this file; null for none.</summary>
    public string? Chart { get; init; }

    public int Width { get; init; } = 1000;
    public int Height { get; init; } = 1200;
}
