namespace Auction.Client.Bench;

/// <summary>A byte counter read at one moment: seconds on the benchmark's clock, and the bytes counted so far.</summary>
public readonly record struct CounterSample(double Seconds, long Bytes);
