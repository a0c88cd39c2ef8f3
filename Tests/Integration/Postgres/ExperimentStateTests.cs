using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>Final states and rows for unanswered requests, against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExperimentStateTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "states")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    private Task<string> ViewStatusAsync(Guid id) =>
        ScalarAsync<string>("SELECT status FROM experiment_states WHERE id = @id", ("id", id));

    [PostgresFact]
    public async Task A_running_experiment_whose_client_stopped_heartbeating_reads_as_abandoned()
    {
        var store = new ExperimentStore(DataSource);
        var stale = await store.CreateAsync("stale", "auction", 1, startedAt: DateTimeOffset.UtcNow - ExperimentStore.AbandonedAfter - TimeSpan.FromMinutes(1));
        var alive = await store.CreateAsync("alive", "auction", 1, startedAt: DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
        Assert.True(await store.HeartbeatAsync(alive));

        Assert.Equal(ExperimentStatus.Abandoned, (await store.GetAsync(stale))!.Status);
        Assert.Equal("abandoned", await ViewStatusAsync(stale));
        Assert.Equal(ExperimentStatus.Running, (await store.GetAsync(alive))!.Status);
        Assert.Equal("running", await ViewStatusAsync(alive));

        // A final status always wins over the heartbeat's age, and a finished experiment takes no more heartbeats.
        Assert.True(await store.FinishAsync(stale, ExperimentStatus.Failed));
        Assert.Equal(ExperimentStatus.Failed, (await store.GetAsync(stale))!.Status);
        Assert.False(await store.HeartbeatAsync(stale));
    }

    [PostgresFact]
    public async Task The_consumers_record_replaces_the_clients_failed_row_and_never_the_other_way_round()
    {
        var experiment = await new ExperimentStore(DataSource).CreateAsync("unanswered", "auction", 1);
        var unanswered = new UnansweredRequestLog(DataSource);
        var finished = TestRecords.Completed(experiment, 0, "auction", 10, "provider-1", false, 0.9, 0.4, 2, 3, 2, 3);
        var clientRow = finished with
        {
            Outcome = TransactionOutcome.Failed, FailureReason = "client: no answer from consumer-0 within 80 s",
            Winner = null, WinnerFaulty = null, Rating = null,
        };

        // The client gave up first; then the consumer's outbox delivers the real record.
        await unanswered.RecordAsync(clientRow);
        await TestRecords.StoreAsync(DataSource, finished);

        var row = Assert.Single(await TransactionRows.ReadAsync(DataSource, experiment));
        Assert.Equal(TransactionOutcome.Completed, row.Outcome);
        Assert.Equal("provider-1", row.Winner);
        Assert.Equal("consumer", await ScalarAsync<string>("SELECT recorded_by FROM transactions WHERE transaction_id = @id", ("id", finished.TransactionId)));

        // A late client row for the same request (same id, or a new id for the same sequence) changes nothing.
        await unanswered.RecordAsync(clientRow);
        await unanswered.RecordAsync(clientRow with { TransactionId = Guid.NewGuid() });
        row = Assert.Single(await TransactionRows.ReadAsync(DataSource, experiment));
        Assert.Equal(TransactionOutcome.Completed, row.Outcome);

        // The summary view counts a request only the client could report as failed.
        await unanswered.RecordAsync(clientRow with { TransactionId = Guid.NewGuid(), Sequence = 1 });
        Assert.Equal(1, await ScalarAsync<int>("SELECT failed FROM experiment_summary WHERE experiment_id = @id", ("id", experiment)));
        Assert.Equal(1, await ScalarAsync<int>("SELECT unanswered FROM experiment_states WHERE id = @id", ("id", experiment)));
    }

    [PostgresFact]
    public async Task Why_a_provider_was_missing_round_trips()
    {
        var experiment = await new ExperimentStore(DataSource).CreateAsync("missing", "auction", 1);
        var record = TestRecords.Completed(experiment, 0, "auction", 10, "provider-1", false, 0.9, 0.4, 2, 3, 2, 3) with
        {
            Missing = ["provider-2", "provider-3"],
            MissingReasons = new Dictionary<string, string> { ["provider-2"] = MissingReasons.Dead, ["provider-3"] = MissingReasons.Late },
        };
        await TestRecords.StoreAsync(DataSource, record);

        var read = Assert.Single(await TransactionRows.ReadAsync(DataSource, experiment));
        Assert.Equal(record.MissingReasons.OrderBy(kv => kv.Key), read.MissingReasons.OrderBy(kv => kv.Key));
    }
}
