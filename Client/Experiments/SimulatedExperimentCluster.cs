using Auction.Client.Hosting;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Grains.Providers;
using Auction.Grains.Scoring.Adversaries;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Auction.Client.Experiments;

/// <summary>
/// The simulated mode: an <see cref="InProcessCluster"/> with the reference topology of N providers (flows take no
/// real time). Transactions go to PostgreSQL through a <see cref="PostgresTransactionLog"/> when a database is
/// given, otherwise they stay in memory.
/// </summary>
public sealed class SimulatedExperimentCluster : IExperimentCluster
{
    private readonly InProcessCluster _cluster;
    private readonly PostgresTransactionLog? _log;

    private SimulatedExperimentCluster(InProcessCluster cluster, PostgresTransactionLog? log, int providers, int faulty, string adversary)
    {
        _cluster = cluster;
        _log = log;
        Description = $"in-process simulated cluster, {providers} providers of the reference topology ({faulty} faulty, {adversary}), "
                      + (log is null ? "transactions kept in memory" : "transactions written to PostgreSQL");
    }

    public IGrainFactory Grains => _cluster.GrainFactory;

    public string Description { get; }

    public bool WritesTransactions => _log is not null;

    public static async Task<SimulatedExperimentCluster> StartAsync(
        int providers, int seed, AuctionParameters? parameters, NpgsqlDataSource? dataSource, TimeSpan timeout, CancellationToken cancellationToken,
        SimulatedTopology? topology = null)
    {
        var log = dataSource is null ? null : new PostgresTransactionLog(dataSource, NullLogger<PostgresTransactionLog>.Instance);
        try
        {
            var cluster = await InProcessCluster.StartAsync(new InProcessClusterOptions
            {
                Providers = ReferenceTopology.Create(
                    providers, parameters, seed, faulty: topology?.Faulty, adversary: topology?.Adversary),
                ConsumerParameters = parameters,
                TransactionLog = log,
                StartStopTimeout = timeout,
                BeaconExchangeTimeout = timeout,
            }, cancellationToken);
            return new SimulatedExperimentCluster(cluster, log, providers, cluster.Catalog.All.Count(p => p.Faulty),
                AdversaryRegistry.DisplayName(topology?.Adversary ?? AdversarySettings.Liar));
        }
        catch
        {
            if (log is not null) await log.DisposeAsync();
            throw;
        }
    }

    public Task<bool> FlushAsync(TimeSpan timeout) => _log is null ? Task.FromResult(true) : _log.FlushAsync(timeout);

    /// <summary>The virtual clock: a seeded simulated experiment replays exactly, whatever the machine's load.</summary>
    public IExperimentClock ClockFor(DateTimeOffset experimentStart) => new VirtualExperimentClock(Grains, experimentStart);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.DisposeAsync();
        }
        finally
        {
            if (_log is not null) await _log.DisposeAsync();
        }
    }
}
