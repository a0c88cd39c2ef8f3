namespace Auction.Client.Experiments;

/// <summary>Where an experiment's requests go: the in-process simulated cluster or a running cluster reached as an Orleans client.</summary>
public interface IExperimentCluster : IAsyncDisposable
{
    IGrainFactory Grains { get; }

    /// <summary>One line for the log: what the client is talking to.</summary>
    string Description { get; }

    /// <summary>True when other experiments may run in this cluster meanwhile (a running cluster): a world given to an experiment is then leased (<see cref="WorldLeaseHold"/>).</summary>
    bool Shared { get; }

    /// <summary>True when this process writes the transactions itself (and can flush them).</summary>
    bool WritesTransactions { get; }

    /// <summary>Waits (bounded) until every transaction this process queued is stored; false when the time ran out.</summary>
    Task<bool> FlushAsync(TimeSpan timeout);

    /// <summary>The clock an experiment that started at <paramref name="experimentStart"/> (wall time) runs on here.</summary>
    IExperimentClock ClockFor(DateTimeOffset experimentStart);
}
