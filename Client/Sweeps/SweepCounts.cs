namespace Auction.Client.Sweeps;

/// <summary>How a sweep's run ended: experiments run now, skipped as already stored, and how many did not complete.</summary>
public sealed record SweepCounts(Guid SweepId, int Total, int Skipped, int Completed, int NotCompleted, bool Interrupted)
{
    /// <summary>Every experiment of the grid is stored as completed: nothing failed, nothing was interrupted.</summary>
    public bool AllCompleted => NotCompleted == 0 && !Interrupted;
}
