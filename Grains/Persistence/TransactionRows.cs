using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Grains.Interfaces.Models;
using Npgsql;
using NpgsqlTypes;

namespace Auction.Grains.Persistence;

/// <summary>
/// The statements that write a <see cref="TransactionRecord"/> to the <c>transactions</c> table and read it back, built
/// from <see cref="TransactionColumns"/>. Timestamps are stored in UTC with PostgreSQL's microsecond precision
/// (sub-microsecond ticks are truncated).
/// </summary>
public static class TransactionRows
{
    /// <summary>Score maps are JSON objects; NaN and infinities (not JSON numbers) are kept as the strings "NaN", "Infinity".</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Parameters are stored under the names configs use (consumer_tau, not ConsumerTau); map keys are ids, kept as they are.</summary>
    internal static readonly JsonSerializerOptions ParameterJson = new(Json)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly string Columns = string.Join(", ", TransactionColumns.All.Select(c => c.Name));

    private static readonly string Values = string.Join(", ", TransactionColumns.All.Select(c => "@" + c.Name));

    private static readonly string Key = TransactionColumns.All.Single(c => c.IsKey).Name;

    /// <summary>Every column but the key takes the later write's value.</summary>
    private static readonly string Replacements = string.Join(", ", TransactionColumns.All.Where(c => !c.IsKey).Select(c => $"{c.Name} = EXCLUDED.{c.Name}"));

    /// <summary>
    /// The consumer's row. It replaces a failed row the client wrote when it got no answer (every column but the
    /// key, and the row then counts as the consumer's); a row the consumer already wrote stays as it is.
    /// </summary>
    public static readonly string InsertSql = $"""
        INSERT INTO transactions ({Columns})
        VALUES ({Values})
        ON CONFLICT ({Key}) DO UPDATE SET
            {Replacements}, {TransactionColumns.RecordedBy} = 'consumer', {TransactionColumns.RecordedAt} = now()
        WHERE transactions.{TransactionColumns.RecordedBy} = 'client'
        """;

    /// <summary>
    /// The client's row for a request it never got an answer to (recorded_by 'client'). It never overwrites
    /// anything: a row already there for the id (or for the experiment's request) wins.
    /// </summary>
    public static readonly string ClientInsertSql = $"""
        INSERT INTO transactions ({Columns}, {TransactionColumns.RecordedBy})
        VALUES ({Values}, 'client')
        ON CONFLICT DO NOTHING
        """;

    private static readonly string SelectSql = $"""
        SELECT {Columns} FROM transactions
        WHERE @experiment_id::uuid IS NULL OR experiment_id = @experiment_id::uuid
        ORDER BY strategy, sequence NULLS LAST, requested_at, transaction_id
        """;

    public static string OutcomeName(TransactionOutcome outcome) => outcome switch
    {
        TransactionOutcome.Completed => "completed",
        TransactionOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown transaction outcome"),
    };

    public static TransactionOutcome ParseOutcome(string outcome) => outcome switch
    {
        "completed" => TransactionOutcome.Completed,
        "failed" => TransactionOutcome.Failed,
        _ => throw new FormatException($"unknown transaction outcome '{outcome}' (completed, failed)"),
    };

    /// <summary>Adds the parameters of <see cref="InsertSql"/> (and <see cref="ClientInsertSql"/>) for <paramref name="r"/> to <paramref name="command"/>.</summary>
    public static void AddInsertParameters(NpgsqlCommand command, TransactionRecord r)
    {
        var parameters = command.Parameters;
        foreach (var column in TransactionColumns.All)
        {
            parameters.Add(column.Parameter(r));
        }
    }

    /// <summary>The transactions of one experiment (every experiment when null), in request order.</summary>
    public static async Task<IReadOnlyList<TransactionRecord>> ReadAsync(
        NpgsqlDataSource dataSource, Guid? experimentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SelectSql);
        command.Parameters.Add(new NpgsqlParameter("experiment_id", NpgsqlDbType.Uuid) { Value = (object?)experimentId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = TransactionColumns.All;
        var ordinals = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            ordinals[c] = reader.GetOrdinal(columns[c].Name);
        }

        var rows = new List<TransactionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = TransactionColumns.Blank;
            for (var c = 0; c < columns.Length; c++)
            {
                record = columns[c].Read(record, reader, ordinals[c]);
            }

            rows.Add(record);
        }

        return rows;
    }

    /// <summary>A score map as JSON text, the way it is stored.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}
