using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Microsoft.Extensions.Logging;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class TransactionLogTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "txlog")
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    private static readonly PostgresTransactionLogOptions FastRetry = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    };

    private readonly CapturingLogger<PostgresTransactionLog> _logger = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    [PostgresFact]
    public async Task Every_column_round_trips()
    {
        var experimentId = await new ExperimentStore(DataSource).CreateAsync("round-trip", "auction", 42);
        var original = TestRecords.Full(experimentId);
        await using (var log = new PostgresTransactionLog(DataSource, _logger, FastRetry))
        {
            await log.AppendAsync(original);
            Assert.True(await log.FlushAsync(FlushTimeout), "flush did not finish within 30 s");
        }

        var read = Assert.Single(await TransactionRows.ReadAsync(DataSource, experimentId));

        Assert.Equal(original.TransactionId, read.TransactionId);
        Assert.Equal(original.ExperimentId, read.ExperimentId);
        Assert.Equal(original.Sequence, read.Sequence);
        Assert.Equal(original.Strategy, read.Strategy);
        Assert.Equal(original.ConsumerId, read.ConsumerId);
        Assert.Equal(original.RequestedAt, read.RequestedAt);
        Assert.Equal(original.DecidedAt, read.DecidedAt);
        Assert.Equal(original.FlowStartedAt, read.FlowStartedAt);
        Assert.Equal(original.FlowEndedAt, read.FlowEndedAt);
        Assert.Equal(TimeSpan.Zero, read.RequestedAt.Offset);
        Assert.Equal(original.Qos, read.Qos);
        Assert.Equal(original.Participants, read.Participants);
        Assert.Equal(original.Missing, read.Missing);
        AssertNested(original.ScoreVectors, read.ScoreVectors);
        AssertNested(original.ConsensusVectors, read.ConsensusVectors);
        Assert.Equal(original.FinalScores.OrderBy(kv => kv.Key), read.FinalScores.OrderBy(kv => kv.Key));
        Assert.Equal(original.Winner, read.Winner);
        Assert.Equal(original.WinnerFaulty, read.WinnerFaulty);
        Assert.Equal(original.PricePaid, read.PricePaid);
        Assert.Equal(original.MeasuredUplink, read.MeasuredUplink);
        Assert.Equal(original.MeasuredDownlink, read.MeasuredDownlink);
        Assert.Equal(original.Rating, read.Rating);
        Assert.Equal(original.Outcome, read.Outcome);
        Assert.Equal(original.FailureReason, read.FailureReason);
        Assert.Equal(original.Simulated, read.Simulated);
        Assert.Equal(original.Aggregator, read.Aggregator);

        // The SQL types are the documented ones, not text everywhere.
        Assert.Equal("0.2", (await ScalarAsync<double>("SELECT price_paid FROM transactions")).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, await ScalarAsync<int>("SELECT cardinality(participants) FROM transactions"));
        Assert.Equal(0.123456789012345, await ScalarAsync<double>("SELECT (score_vectors -> 'provider-0' ->> 'provider-3')::double precision FROM transactions"));
    }

    [PostgresFact]
    public async Task A_failed_transaction_with_nulls_round_trips()
    {
        var original = TestRecords.Failed(null, 3, "naive", "only 1 provider answered");
        await using (var log = new PostgresTransactionLog(DataSource, _logger, FastRetry))
        {
            await log.AppendAsync(original);
            Assert.True(await log.FlushAsync(FlushTimeout), "flush did not finish within 30 s");
        }

        var read = Assert.Single(await TransactionRows.ReadAsync(DataSource, null));
        Assert.Null(read.ExperimentId);
        Assert.Null(read.DecidedAt);
        Assert.Null(read.Winner);
        Assert.Null(read.WinnerFaulty);
        Assert.Null(read.Rating);
        Assert.Empty(read.ScoreVectors);
        Assert.Equal(TransactionOutcome.Failed, read.Outcome);
        Assert.Equal("only 1 provider answered", read.FailureReason);
        Assert.Equal(["provider-1", "provider-2"], read.Missing);
    }

    [PostgresFact]
    public async Task Records_are_inserted_and_a_duplicate_id_is_stored_once()
    {
        var a = TestRecords.Completed(null, 0, "auction", 100, "provider-0", false, 1, 0.2, 10, 10, 10, 10);
        var b = TestRecords.Completed(null, 1, "auction", 200, "provider-5", true, 0.1, 0.3, 10, 10, 1, 1);
        var duplicateOfA = a with { Rating = 0.0, Winner = "provider-9" };
        await using var log = new PostgresTransactionLog(DataSource, _logger, FastRetry);

        await log.AppendAsync(a);
        await log.AppendAsync(b);
        await log.AppendAsync(duplicateOfA);
        await log.AppendAsync(a);

        Assert.True(await log.FlushAsync(FlushTimeout), "flush did not finish within 30 s");
        Assert.Equal(0L, log.Pending);
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM transactions"));
        // The first write wins; the later one with the same id changed nothing.
        Assert.Equal(1.0, await ScalarAsync<double>("SELECT rating FROM transactions WHERE transaction_id = @id", ("id", a.TransactionId)));
        Assert.Equal("provider-0", await ScalarAsync<string>("SELECT winner FROM transactions WHERE transaction_id = @id", ("id", a.TransactionId)));
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [PostgresFact]
    public async Task A_record_PostgreSQL_keeps_rejecting_is_logged_in_full_and_not_retried_forever()
    {
        var orphan = TestRecords.Completed(Guid.NewGuid(), 0, "auction", 100, "provider-0", false, 1, 0.2, 10, 10, 10, 10);
        var fine = TestRecords.Completed(null, 1, "auction", 100, "provider-1", false, 1, 0.2, 10, 10, 10, 10);
        await using var log = new PostgresTransactionLog(DataSource, _logger, FastRetry with { MaxAttemptsOnRejection = 3 });

        await log.AppendAsync(orphan); // its experiment does not exist: a foreign-key violation every time
        await log.AppendAsync(fine);

        Assert.True(await log.FlushAsync(FlushTimeout), "flush did not finish within 30 s");
        Assert.Equal(orphan.TransactionId, Assert.Single(log.Rejected).TransactionId);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM transactions"));
        var error = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(orphan.TransactionId.ToString(), error.Message);
        Assert.Contains("\"ConsumerId\":\"consumer-0\"", error.Message);
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains(orphan.TransactionId.ToString())));
    }

    [PostgresFact]
    public async Task Records_appended_while_PostgreSQL_is_down_are_stored_after_it_comes_back()
    {
        await using var log = new PostgresTransactionLog(DataSource, _logger, FastRetry);
        var before = TestRecords.Completed(null, 0, "auction", 100, "provider-0", false, 1, 0.2, 10, 10, 10, 10);
        await log.AppendAsync(before);
        Assert.True(await log.FlushAsync(FlushTimeout), "flush before the outage did not finish within 30 s");

        var during = Enumerable.Range(1, 5)
            .Select(i => TestRecords.Completed(null, i, "auction", 100 * i, $"provider-{i}", i > 4, 0.5, 0.3, 10, 10, 5, 5))
            .ToArray();
        try
        {
            await Server.StopServerAsync();
            Assert.Equal(3, await Server.StatusAsync());

            // Appending never waits for the database: each append has completed when it returns, PostgreSQL down.
            foreach (var record in during)
            {
                var append = log.AppendAsync(record);
                Assert.True(append.IsCompletedSuccessfully, "appending a record waited for PostgreSQL, which is down");
            }

            // The writer keeps the records and retries: wait for its third failed attempt at the first one.
            var first = during[0].TransactionId.ToString();
            Assert.True(
                await _logger.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains(first) && e.Message.Contains("attempt 3,"), FlushTimeout),
                "the writer did not retry the first record of the outage three times within 30 s");
            Assert.Equal(5L, log.Pending);
            Assert.False(await log.FlushAsync(TimeSpan.FromMilliseconds(200)));
            Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(during[0].TransactionId.ToString()));
        }
        finally
        {
            await Server.StartServerAsync();
        }

        Assert.True(await log.FlushAsync(FlushTimeout), "flush after PostgreSQL came back did not finish within 30 s");
        Assert.Equal(0L, log.Pending);
        Assert.Equal(6L, await ScalarAsync<long>("SELECT count(*) FROM transactions"));
        foreach (var record in during)
        {
            Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM transactions WHERE transaction_id = @id", ("id", record.TransactionId)));
        }

        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(during[0].TransactionId.ToString()));
    }

    [PostgresFact]
    public async Task Appending_after_dispose_throws_and_dispose_flushes_first()
    {
        var log = new PostgresTransactionLog(DataSource, _logger, FastRetry);
        var record = TestRecords.Completed(null, 0, "auction", 100, "provider-0", false, 1, 0.2, 10, 10, 10, 10);
        await log.AppendAsync(record);
        await log.DisposeAsync();

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM transactions"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await log.AppendAsync(record));
    }

    private static void AssertNested(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> expected,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (scorer, row) in expected)
        {
            Assert.Equal(row.OrderBy(kv => kv.Key), actual[scorer].OrderBy(kv => kv.Key));
        }
    }
}
