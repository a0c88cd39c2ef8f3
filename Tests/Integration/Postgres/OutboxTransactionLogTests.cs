using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Npgsql;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// The consumer silo's log with its outbox against a real PostgreSQL: records appended while the database is
/// unreachable survive the process and reach PostgreSQL exactly once when the next process starts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxTransactionLogTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "outbox")
{
    private static readonly PostgresTransactionLogOptions FastRetry = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        DisposeFlushTimeout = TimeSpan.FromMilliseconds(300),
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"outbox-it-{Guid.NewGuid():N}");
    private string OutboxFile => Path.Combine(_directory, "transactions.jsonl");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    public override async Task DisposeAsync()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        await base.DisposeAsync();
    }

    private static OutboxTransactionLog Log(string outboxFile, NpgsqlDataSource database) => new(
        new TransactionOutbox(outboxFile),
        new PostgresTransactionLog(database, new CapturingLogger<PostgresTransactionLog>(), FastRetry),
        new CapturingLogger<OutboxTransactionLog>());

    [PostgresFact]
    public async Task Transactions_finished_while_PostgreSQL_was_away_are_stored_once_after_a_restart()
    {
        var experimentId = await new ExperimentStore(DataSource).CreateAsync("outbox", "auction", 1);
        var records = Enumerable.Range(0, 4).Select(i => TestRecords.Failed(experimentId, i, "auction", "test")).ToArray();
        // One record PostgreSQL already holds: the crash came after the insert and before the outbox was trimmed.
        await using (var direct = new PostgresTransactionLog(DataSource, new CapturingLogger<PostgresTransactionLog>(), FastRetry))
        {
            await direct.AppendAsync(records[0]);
            Assert.True(await direct.FlushAsync(TimeSpan.FromSeconds(30)));
        }

        var unreachable = new NpgsqlConnectionStringBuilder(ConnectionString) { Port = PostgresServerFixture.FreeTcpPort(), Timeout = 1 };
        await using (var away = NpgsqlDataSource.Create(unreachable.ConnectionString))
        {
            var crashed = Log(OutboxFile, away);
            foreach (var record in records) await crashed.AppendAsync(record);
            await crashed.DisposeAsync(); // gives up flushing: the records stay in the outbox
        }

        var restarted = Log(OutboxFile, DataSource);
        Assert.Equal(records.Length, restarted.Pending);
        await restarted.StartAsync(CancellationToken.None);
        await Support.Eventually.TrueAsync(() => restarted.Pending == 0, TimeSpan.FromSeconds(30), "the outbox's records to reach PostgreSQL");
        Assert.Equal(0, restarted.Pending);
        await restarted.DisposeAsync();

        var stored = await TransactionRows.ReadAsync(DataSource, experimentId);
        Assert.Equal(records.Select(r => r.TransactionId).Order(), stored.Select(r => r.TransactionId).Order());
        Assert.Equal(0, new FileInfo(OutboxFile).Length);
    }
}
