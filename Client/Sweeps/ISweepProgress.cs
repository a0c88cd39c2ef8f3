namespace Auction.Client.Sweeps;

/// <summary>What a sweep reports while it runs: one progress bar over the whole sweep on a terminal, log lines otherwise.</summary>
public interface ISweepProgress
{
    void Started(int total, int alreadyFinished);

    void ExperimentEnded(SweepExperiment experiment, SweepExperimentResult result);
}

/// <summary>How one experiment of a sweep ended: its id, whether it completed, and one line about it.</summary>
public sealed record SweepExperimentResult(Guid ExperimentId, bool Completed, string Summary);
