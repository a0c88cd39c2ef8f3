namespace Auction.Client.Reports;

/// <summary>A schedule change of an experiment's world as the chart marks it: the request number it takes effect at (from 1) and a short label.</summary>
public sealed record WorldMark(int Request, string Label);
