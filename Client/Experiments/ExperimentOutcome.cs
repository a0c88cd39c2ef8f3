namespace Auction.Client.Experiments;

/// <summary>How an experiment session ended: its exit code, and the summary when the experiment ran.</summary>
public sealed record ExperimentOutcome(int ExitCode, ExperimentRunSummary? Summary = null);
