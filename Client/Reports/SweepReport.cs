namespace Auction.Client.Reports;

/// <summary>A sweep's report: its name and id, its axes, and each cell summarised over its seeds within the window.</summary>
public sealed record SweepReport(Guid Id, string Name, IReadOnlyList<string> Axes, IReadOnlyList<SweepCellSummary> Cells, RequestWindow Window);
