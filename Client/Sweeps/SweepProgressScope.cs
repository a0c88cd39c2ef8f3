namespace Auction.Client.Sweeps;

/// <summary>Shows a sweep's progress for as long as <paramref name="run"/> runs (a live display the caller owns).</summary>
public delegate Task<SweepCounts> SweepProgressScope(Func<ISweepProgress, Task<SweepCounts>> run);
