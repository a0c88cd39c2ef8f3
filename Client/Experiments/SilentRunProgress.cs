using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>Progress nobody watches: a sweep shows one bar for the whole grid, not one per strategy run; tests show none.</summary>
public sealed class SilentRunProgress : IRunProgress
{
    public static SilentRunProgress Instance { get; } = new();

    public void StrategyStarted(StrategyRun run) { }
    public void Fired(StrategyRun run, int sequence) { }
    public void Finished(StrategyRun run, TransactionRecord record) { }
    public void Errored(StrategyRun run, int sequence, string error) { }
    public void StrategyEnded(StrategyRun run) { }
}
