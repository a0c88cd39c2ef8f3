using Auction.Grains.Interfaces.Models;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Auction.Grains.Persistence;

/// <summary>
/// Where the client records a request it never got an answer to (the consumer silo died, the gateway went away, the
/// wait ran out): a failed transaction with the reason, so that every request of an experiment leaves a row. It
/// never overwrites a row already there, and the consumer's own record replaces it should it arrive later.
/// </summary>
public sealed class UnansweredRequestLog(NpgsqlDataSource dataSource, TimeProvider? time = null)
{
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<TimeoutException>().Handle<IOException>(),
            MaxRetryAttempts = Backoff.Length,
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(Backoff[args.AttemptNumber]),
        })
        .Build();

    /// <summary>
    /// Writes the row, retrying a few times (≈ 8 s in all) while PostgreSQL is away; the last error is thrown. False
    /// when a row for the request was already there (the consumer's own, or an earlier failed one), so nothing new.
    /// </summary>
    public async Task<bool> RecordAsync(TransactionRecord record, CancellationToken cancellationToken = default) =>
        await _retry.ExecuteAsync(static async (state, ct) =>
        {
            await using var command = state.DataSource.CreateCommand(TransactionRows.ClientInsertSql);
            TransactionRows.AddInsertParameters(command, state.Record);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, (DataSource: dataSource, Record: record), cancellationToken);
}
