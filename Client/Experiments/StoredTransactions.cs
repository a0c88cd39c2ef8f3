using Auction.Client.Database;
using Auction.Grains.Persistence;
using Auction.Grains.Resilience;
using Npgsql;

namespace Auction.Client.Experiments;

/// <summary>
/// Waits until the transactions of an experiment that came back to the client are in PostgreSQL: flushed by this
/// process in the simulated mode, polled for when the cluster's silos write them. A PostgreSQL restart on the way is
/// waited out (its old connections are dropped from the pool); the wait is bounded either way.
/// </summary>
public static class StoredTransactions
{
    public static async Task<bool> WaitAsync(
        IExperimentCluster cluster, NpgsqlDataSource dataSource, Guid experimentId, long expected, TimeSpan timeout)
    {
        if (cluster.WritesTransactions && !await cluster.FlushAsync(timeout)) return false;
        var store = new ExperimentStore(dataSource);
        return await WaitUntil.TrueAsync(async ct =>
        {
            try
            {
                return await store.CountTransactionsAsync(experimentId, ct) >= expected;
            }
            catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
            {
                // PostgreSQL restarting: the silos' writers are retrying; so does this, on fresh connections.
                dataSource.Clear();
                return false;
            }
        }, TimeSpan.FromMilliseconds(200), timeout);
    }
}
