using Auction.Client.Hosting;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Grains.Providers;
using Auction.Grains.Scoring.Adversaries;
using Auction.Grains.Worlds;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Auction.Client.Experiments;

/// <summary>
/// The simulated mode: an <see cref="InProcessCluster"/> whose providers start as a world's initial state (the
/// world given, else the reference world of N providers; flows take no real time). Transactions go to PostgreSQL
/// through a <see cref="PostgresTransactionLog"/> when a database is given, otherwise they stay in memory.
/// </summary>
public sealed class SimulatedExperimentCluster : IExperimentCluster
{
    private readonly InProcessCluster _cluster;
    private readonly PostgresTransactionLog? _log;

    private SimulatedExperimentCluster(InProcessCluster cluster, PostgresTransactionLog? log, string providers)
    {
        _cluster = cluster;
        _log = log;
        Description = $"in-process simulated cluster, {providers}, "
                      + (log is null ? "transactions kept in memory" : "transactions written to PostgreSQL");
    }

    public IGrainFactory Grains => _cluster.GrainFactory;

    public string Description { get; }

    /// <summary>False: the in-process cluster is private to its experiment.</summary>
    public bool Shared => false;

    public bool WritesTransactions => _log is not null;

    /// <param name="world">the providers' world; null: the reference world of <paramref name="providers"/> and <paramref name="topology"/>.</param>
    public static async Task<SimulatedExperimentCluster> StartAsync(
        int providers, int seed, AuctionParameters? parameters, NpgsqlDataSource? dataSource, TimeSpan timeout, CancellationToken cancellationToken,
        SimulatedTopology? topology = null, World? world = null)
    {
        var log = dataSource is null ? null : new PostgresTransactionLog(dataSource, NullLogger<PostgresTransactionLog>.Instance);
        try
        {
            var cluster = await InProcessCluster.StartAsync(new InProcessClusterOptions
            {
                Providers = WorldExpansion.Expand(
                    world ?? ReferenceTopology.World(providers, topology?.Faulty, topology?.Adversary), seed, parameters),
                ConsumerParameters = parameters,
                TransactionLog = log,
                StartStopTimeout = timeout,
                BeaconExchangeTimeout = timeout,
            }, cancellationToken);
            var faulty = cluster.Catalog.All.Count(p => p.Faulty);
            return new SimulatedExperimentCluster(cluster, log, world is null
                ? $"{providers} providers of the reference topology ({faulty} faulty, {AdversaryRegistry.DisplayName(topology?.Adversary ?? AdversarySettings.Liar)})"
                : $"world '{Cli.Excerpt.Of(world.Name)}' ({world.Providers.Count} providers, {faulty} faulty at the start)");
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
