using Auction.Client.Sweeps;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Npgsql;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>Stores a hand-made experiment of a sweep: its transactions, its cell tag and its final status.</summary>
public static class SweepExperiments
{
    public static async Task AddAsync(
        NpgsqlDataSource dataSource, Guid sweepId, string cell, long seed, ExperimentStatus status, Func<Guid, IEnumerable<TransactionRecord>> records)
    {
        var store = new ExperimentStore(dataSource);
        var id = await store.CreateAsync("sweep-test", "auction", seed);
        await TestRecords.StoreAsync(dataSource, records(id));
        await new SweepStore(dataSource).TagAsync(id, sweepId, cell, CancellationToken.None);
        await store.FinishAsync(id, status);
    }
}
