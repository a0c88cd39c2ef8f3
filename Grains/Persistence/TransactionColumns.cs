using System.Collections.Immutable;
using System.Text.Json;
using Auction.Grains.Interfaces.Models;
using Npgsql;
using NpgsqlTypes;
using static Auction.Grains.Persistence.TransactionColumn;

namespace Auction.Grains.Persistence;

/// <summary>
/// Every column of the <c>transactions</c> table, each declared once: the statements, parameters and reader of
/// <see cref="TransactionRows"/> are built from this table. Adding a column is one entry here plus a migration in
/// infra/sql/ (a test compares this table with the migrated database).
/// </summary>
public static class TransactionColumns
{
    /// <summary>Who wrote the row: 'consumer' (the consumer that ran the request) or 'client' (a request it got no answer to).</summary>
    public const string RecordedBy = "recorded_by";

    /// <summary>When the row was last written; the database sets it.</summary>
    public const string RecordedAt = "recorded_at";

    /// <summary>The columns the statements fill in themselves rather than from a record.</summary>
    public static ImmutableArray<string> Bookkeeping { get; } = [RecordedBy, RecordedAt];

    /// <summary>The columns a <see cref="TransactionRecord"/> is written to and read from, in table order.</summary>
    public static ImmutableArray<TransactionColumn> All { get; } =
    [
        Required("transaction_id", NpgsqlDbType.Uuid, r => r.TransactionId, (r, x, i) => r with { TransactionId = x.GetGuid(i) }, isKey: true),
        Optional("experiment_id", NpgsqlDbType.Uuid, r => r.ExperimentId, (r, x, i) => r with { ExperimentId = Nullable<Guid>(x, i) }),
        Optional("sequence", NpgsqlDbType.Integer, r => r.Sequence, (r, x, i) => r with { Sequence = Nullable<int>(x, i) }),
        Required("strategy", NpgsqlDbType.Text, r => r.Strategy, (r, x, i) => r with { Strategy = x.GetString(i) }),
        Required("consumer_id", NpgsqlDbType.Text, r => r.ConsumerId, (r, x, i) => r with { ConsumerId = x.GetString(i) }),
        Required("requested_at", NpgsqlDbType.TimestampTz, r => r.RequestedAt.ToUniversalTime(),
            (r, x, i) => r with { RequestedAt = x.GetFieldValue<DateTimeOffset>(i) }),
        Optional("decided_at", NpgsqlDbType.TimestampTz, r => r.DecidedAt?.ToUniversalTime(),
            (r, x, i) => r with { DecidedAt = Nullable<DateTimeOffset>(x, i) }),
        Optional("flow_started_at", NpgsqlDbType.TimestampTz, r => r.FlowStartedAt?.ToUniversalTime(),
            (r, x, i) => r with { FlowStartedAt = Nullable<DateTimeOffset>(x, i) }),
        Optional("flow_ended_at", NpgsqlDbType.TimestampTz, r => r.FlowEndedAt?.ToUniversalTime(),
            (r, x, i) => r with { FlowEndedAt = Nullable<DateTimeOffset>(x, i) }),
        Required("price", NpgsqlDbType.Double, r => r.Qos.Price, (r, x, i) => r with { Qos = r.Qos with { Price = x.GetDouble(i) } }),
        Required("uplink", NpgsqlDbType.Double, r => r.Qos.Uplink, (r, x, i) => r with { Qos = r.Qos with { Uplink = x.GetDouble(i) } }),
        Required("downlink", NpgsqlDbType.Double, r => r.Qos.Downlink, (r, x, i) => r with { Qos = r.Qos with { Downlink = x.GetDouble(i) } }),
        Required("mu", NpgsqlDbType.Double, r => r.Qos.Mu, (r, x, i) => r with { Qos = r.Qos with { Mu = x.GetDouble(i) } }),
        Required("delta", NpgsqlDbType.Double, r => r.Qos.Delta, (r, x, i) => r with { Qos = r.Qos with { Delta = x.GetDouble(i) } }),
        Required("epsilon", NpgsqlDbType.Double, r => r.Qos.Epsilon, (r, x, i) => r with { Qos = r.Qos with { Epsilon = x.GetDouble(i) } }),
        Required("flow_size_mb", NpgsqlDbType.Double, r => r.Qos.FlowSizeMb, (r, x, i) => r with { Qos = r.Qos with { FlowSizeMb = x.GetDouble(i) } }),
        Required("participants", NpgsqlDbType.Array | NpgsqlDbType.Text, r => r.Participants.ToArray(),
            (r, x, i) => r with { Participants = x.GetFieldValue<string[]>(i) }),
        Required("missing", NpgsqlDbType.Array | NpgsqlDbType.Text, r => r.Missing.ToArray(),
            (r, x, i) => r with { Missing = x.GetFieldValue<string[]>(i) }),
        Required("score_vectors", NpgsqlDbType.Jsonb, r => TransactionRows.ToJson(r.ScoreVectors),
            (r, x, i) => r with { ScoreVectors = Nested(x.GetString(i)) }),
        Required("consensus_vectors", NpgsqlDbType.Jsonb, r => TransactionRows.ToJson(r.ConsensusVectors),
            (r, x, i) => r with { ConsensusVectors = Nested(x.GetString(i)) }),
        Required("final_scores", NpgsqlDbType.Jsonb, r => TransactionRows.ToJson(r.FinalScores),
            (r, x, i) => r with { FinalScores = Map<double>(x.GetString(i), TransactionRows.Json) }),
        Optional("winner", NpgsqlDbType.Text, r => r.Winner, (r, x, i) => r with { Winner = NullableText(x, i) }),
        Optional("winner_faulty", NpgsqlDbType.Boolean, r => r.WinnerFaulty, (r, x, i) => r with { WinnerFaulty = Nullable<bool>(x, i) }),
        Optional("price_paid", NpgsqlDbType.Double, r => r.PricePaid, (r, x, i) => r with { PricePaid = Nullable<double>(x, i) }),
        Optional("measured_uplink", NpgsqlDbType.Double, r => r.MeasuredUplink, (r, x, i) => r with { MeasuredUplink = Nullable<double>(x, i) }),
        Optional("measured_downlink", NpgsqlDbType.Double, r => r.MeasuredDownlink, (r, x, i) => r with { MeasuredDownlink = Nullable<double>(x, i) }),
        Optional("rating", NpgsqlDbType.Double, r => r.Rating, (r, x, i) => r with { Rating = Nullable<double>(x, i) }),
        Required("outcome", NpgsqlDbType.Text, r => TransactionRows.OutcomeName(r.Outcome),
            (r, x, i) => r with { Outcome = TransactionRows.ParseOutcome(x.GetString(i)) }),
        Optional("failure_reason", NpgsqlDbType.Text, r => r.FailureReason, (r, x, i) => r with { FailureReason = NullableText(x, i) }),
        Required("simulated", NpgsqlDbType.Boolean, r => r.Simulated, (r, x, i) => r with { Simulated = x.GetBoolean(i) }),
        Required("aggregator", NpgsqlDbType.Text, r => r.Aggregator, (r, x, i) => r with { Aggregator = x.GetString(i) }),
        Required("variant", NpgsqlDbType.Text, r => r.Variant, (r, x, i) => r with { Variant = x.GetString(i) }),
        // '{}' stands for "not recorded" (rows written before the column existed): read back as null.
        Required("consumer_parameters", NpgsqlDbType.Jsonb,
            r => r.ConsumerParameters is null ? "{}" : JsonSerializer.Serialize(r.ConsumerParameters, TransactionRows.ParameterJson),
            (r, x, i) => r with
            {
                ConsumerParameters = x.GetString(i) is var json and not "{}"
                    ? JsonSerializer.Deserialize<AuctionParameters>(json, TransactionRows.ParameterJson)
                    : null,
            }),
        Required("provider_parameters", NpgsqlDbType.Jsonb, r => JsonSerializer.Serialize(r.ProviderParameters, TransactionRows.ParameterJson),
            (r, x, i) => r with { ProviderParameters = Map<ProviderPractice>(x.GetString(i), TransactionRows.ParameterJson) }),
        Required("missing_reasons", NpgsqlDbType.Jsonb, r => TransactionRows.ToJson(r.MissingReasons),
            (r, x, i) => r with { MissingReasons = Map<string>(x.GetString(i), TransactionRows.Json) }),
        Optional("experiment_time", NpgsqlDbType.Jsonb, r => r.Time is null ? null : JsonSerializer.Serialize(r.Time, TransactionRows.ParameterJson),
            (r, x, i) => r with
            {
                Time = NullableText(x, i) is { } json ? JsonSerializer.Deserialize<ExperimentTime>(json, TransactionRows.ParameterJson) : null,
            }),
        // {"shaped_uplink", "shaped_downlink", "up", "step", "delay_ms", "jitter_ms", "loss_percent"}; null without a winner
        Optional("winner_link", NpgsqlDbType.Jsonb,
            r => r.WinnerLink is null ? null : JsonSerializer.Serialize(r.WinnerLink, TransactionRows.ParameterJson),
            (r, x, i) => r with { WinnerLink = x.IsDBNull(i) ? null : JsonSerializer.Deserialize<ProviderLinkState>(x.GetString(i), TransactionRows.ParameterJson) }),
        Optional("trace_id", NpgsqlDbType.Text, r => r.TraceId, (r, x, i) => r with { TraceId = NullableText(x, i) }),
    ];

    /// <summary>The record a read starts from; each column of <see cref="All"/> then puts its value in its place.</summary>
    public static TransactionRecord Blank { get; } = new()
    {
        TransactionId = Guid.Empty,
        Strategy = "",
        ConsumerId = "",
        RequestedAt = default,
        Qos = new Qos(0, 0, 0, 0, 0, 0, 0),
        Participants = [],
        Outcome = TransactionOutcome.Failed,
    };

    private static T? Nullable<T>(NpgsqlDataReader x, int i) where T : struct => x.IsDBNull(i) ? null : x.GetFieldValue<T>(i);

    private static string? NullableText(NpgsqlDataReader x, int i) => x.IsDBNull(i) ? null : x.GetString(i);

    private static Dictionary<string, T> Map<T>(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Dictionary<string, T>>(json, options) ?? [];

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Nested(string json) =>
        Map<Dictionary<string, double>>(json, TransactionRows.Json)
        .ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value);
}
