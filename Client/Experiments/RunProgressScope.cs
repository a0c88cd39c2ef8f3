namespace Auction.Client.Experiments;

/// <summary>Shows an experiment's progress for as long as <paramref name="fire"/> runs (a live display the caller owns).</summary>
public delegate Task RunProgressScope(Func<IRunProgress, Task> fire);
