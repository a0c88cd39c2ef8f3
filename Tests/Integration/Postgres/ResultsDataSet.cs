using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Npgsql;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// A small experiment with numbers worked out by hand, shared by the view and `results` tests.
///
/// auction (4 transactions):
///   seq 0: decided after 100 ms, winner provider-0 (honest), rating 1.0, paid 0.2, requested up/down 10/20, measured 10/20
///   seq 1: decided after 200 ms, winner provider-5 (faulty), rating 0.1, paid 0.3, requested 10/10, measured 1/1
///   seq 2: decided after 300 ms, winner provider-1 (honest), rating 0.7, paid 0.4, requested 10/20, measured 8/12
///   seq 3: failed before a decision (no winner, no latency, no rating)
///   => completed 3, failed 1; latency {100, 200, 300}: mean 200, p50 200,
///      p95 = 200 + 0.9 * (300 - 200) = 290 (percentile_cont: position 0.95 * (3 - 1) = 1.9);
///      mean rating (1.0 + 0.1 + 0.7) / 3 = 0.6; faulty share 1 / 3; mean price (0.2 + 0.3 + 0.4) / 3 = 0.3;
///      uplink measured (10 + 1 + 8) / 3 = 6.333.. vs requested 10; downlink measured (20 + 1 + 12) / 3 = 11
///      vs requested (20 + 10 + 20) / 3 = 16.666..
///   running faulty share by position: 0/1 = 0, 1/2 = 0.5, 1/3, and still 1/3 after the failure.
/// naive (2 transactions): 50 ms provider-9 (faulty) rating 0.05; 150 ms provider-8 (faulty) rating 0.1
///   => faulty share 1.0, p50 = 50 + 0.5 * 100 = 100, mean rating 0.075.
/// </summary>
public static class ResultsDataSet
{
    public const string Name = "hand-made";

    public static async Task<Guid> InsertAsync(NpgsqlDataSource dataSource, DateTimeOffset startedAt)
    {
        var store = new ExperimentStore(dataSource);
        var id = await store.CreateAsync(Name, "auction", 7, """{"buy_event_count": 6}""", startedAt: startedAt);
        await TestRecords.StoreAsync(dataSource, Records(id));

        await store.FinishAsync(id, ExperimentStatus.Completed);
        return id;
    }

    public static IEnumerable<TransactionRecord> Records(Guid experimentId) =>
    [
        TestRecords.Completed(experimentId, 0, "auction", 100, "provider-0", false, 1.0, 0.2, 10, 20, 10, 20),
        TestRecords.Completed(experimentId, 1, "auction", 200, "provider-5", true, 0.1, 0.3, 10, 10, 1, 1),
        TestRecords.Completed(experimentId, 2, "auction", 300, "provider-1", false, 0.7, 0.4, 10, 20, 8, 12),
        TestRecords.Failed(experimentId, 3, "auction", "timeout, \"provider-3\" and provider-4 missed the bid deadline"),
        TestRecords.Completed(experimentId, 0, "naive", 50, "provider-9", true, 0.05, 0.6, 10, 10, 1, 1),
        TestRecords.Completed(experimentId, 1, "naive", 150, "provider-8", true, 0.1, 0.5, 10, 10, 1, 1),
    ];
}
