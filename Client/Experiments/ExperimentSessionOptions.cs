namespace Auction.Client.Experiments;

/// <summary>Where an experiment runs (in-process or a cluster, with or without PostgreSQL) and the limits it runs within.</summary>
public sealed record ExperimentSessionOptions
{
    /// <summary>An in-process cluster with simulated links instead of <see cref="Endpoint"/>.</summary>
    public bool Simulated { get; init; }

    /// <summary>Providers of the in-process topology when the config does not say.</summary>
    public int SimulatedProviders { get; init; } = 10;

    /// <summary>The cluster to connect to; null when <see cref="Simulated"/>.</summary>
    public ClusterEndpoint? Endpoint { get; init; }

    /// <summary>PostgreSQL for the experiment's rows; null keeps the transactions in memory only.</summary>
    public string? ConnectionString { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Live providers the registry must list before firing (0: no wait).</summary>
    public int MinProviders { get; init; }

    public TimeSpan LiveWithin { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Above this share of failed requests the experiment fails (exit 1).</summary>
    public double MaxFailedShare { get; init; } = 0.1;

    public TimeSpan AnswerMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The slowest shaped rate in MB/s, for the longest wait of one request.</summary>
    public double SlowestRate { get; init; } = 1;
}
