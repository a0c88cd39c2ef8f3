using Auction.Client.Results;
using Auction.Grains.Persistence;

namespace Auction.Client.Reports;

/// <summary>An experiment's report: its row and the summary per strategy (the experiment_summary view).</summary>
public sealed record ExperimentReport(ExperimentRow Experiment, IReadOnlyList<ExperimentSummaryRow> Rows);
