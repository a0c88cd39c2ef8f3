using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>What an experiment run reports while it fires requests: a progress bar on a terminal, log lines otherwise.</summary>
public interface IRunProgress
{
    void StrategyStarted(StrategyRun run);

    void Fired(StrategyRun run, int sequence);

    void Finished(StrategyRun run, TransactionRecord record);

    void Errored(StrategyRun run, int sequence, string error);

    void StrategyEnded(StrategyRun run);
}
