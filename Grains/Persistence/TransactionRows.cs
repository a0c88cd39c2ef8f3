using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Grains.Interfaces.Models;
using Npgsql;
using NpgsqlTypes;

namespace Auction.Grains.Persistence;

/// <summary>
/// How a <see cref="TransactionRecord"/> maps to a row of the <c>transactions</c> table and back. Timestamps are
/// stored in UTC with PostgreSQL's microsecond precision (sub-microsecond ticks are truncated).
/// </summary>
public static class TransactionRows
{
    /// <summary>Score maps are JSON objects; NaN and infinities (not JSON numbers) are kept as the strings "NaN", "Infinity".</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Parameters are stored under the names configs use (consumer_tau, not ConsumerTau); map keys are ids, kept as they are.</summary>
    private static readonly JsonSerializerOptions ParameterJson = new(Json)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public const string Columns = """
        transaction_id, experiment_id, sequence, strategy, consumer_id, requested_at, decided_at, flow_started_at,
        flow_ended_at, price, uplink, downlink, mu, delta, epsilon, flow_size_mb, participants, missing, score_vectors,
        consensus_vectors, final_scores, winner, winner_faulty, price_paid, measured_uplink, measured_downlink, rating,
        outcome, failure_reason, simulated, aggregator, variant, consumer_parameters, provider_parameters, missing_reasons
        """;

    public const string InsertSql = $"""
        INSERT INTO transactions ({Columns})
        VALUES (@transaction_id, @experiment_id, @sequence, @strategy, @consumer_id, @requested_at, @decided_at,
                @flow_started_at, @flow_ended_at, @price, @uplink, @downlink, @mu, @delta, @epsilon, @flow_size_mb,
                @participants, @missing, @score_vectors, @consensus_vectors, @final_scores, @winner, @winner_faulty,
                @price_paid, @measured_uplink, @measured_downlink, @rating, @outcome, @failure_reason, @simulated,
                @aggregator, @variant, @consumer_parameters, @provider_parameters, @missing_reasons)
        ON CONFLICT (transaction_id) DO UPDATE SET
            experiment_id = EXCLUDED.experiment_id, sequence = EXCLUDED.sequence, strategy = EXCLUDED.strategy,
            consumer_id = EXCLUDED.consumer_id, requested_at = EXCLUDED.requested_at, decided_at = EXCLUDED.decided_at,
            flow_started_at = EXCLUDED.flow_started_at, flow_ended_at = EXCLUDED.flow_ended_at, price = EXCLUDED.price,
            uplink = EXCLUDED.uplink, downlink = EXCLUDED.downlink, mu = EXCLUDED.mu, delta = EXCLUDED.delta,
            epsilon = EXCLUDED.epsilon, flow_size_mb = EXCLUDED.flow_size_mb, participants = EXCLUDED.participants,
            missing = EXCLUDED.missing, score_vectors = EXCLUDED.score_vectors, consensus_vectors = EXCLUDED.consensus_vectors,
            final_scores = EXCLUDED.final_scores, winner = EXCLUDED.winner, winner_faulty = EXCLUDED.winner_faulty,
            price_paid = EXCLUDED.price_paid, measured_uplink = EXCLUDED.measured_uplink,
            measured_downlink = EXCLUDED.measured_downlink, rating = EXCLUDED.rating, outcome = EXCLUDED.outcome,
            failure_reason = EXCLUDED.failure_reason, simulated = EXCLUDED.simulated, aggregator = EXCLUDED.aggregator,
            variant = EXCLUDED.variant, consumer_parameters = EXCLUDED.consumer_parameters,
            provider_parameters = EXCLUDED.provider_parameters,
            missing_reasons = EXCLUDED.missing_reasons, recorded_by = 'consumer', recorded_at = now()
        -- The consumer's own record replaces a failed row the client wrote when it got no answer; nothing else changes.
        WHERE transactions.recorded_by = 'client'
        """;

    /// <summary>
    /// The client's row for a request it never got an answer to (recorded_by 'client'). It never overwrites
    /// anything: a row already there for the id (or for the experiment's request) wins.
    /// </summary>
    public const string ClientInsertSql = $"""
        INSERT INTO transactions ({Columns}, recorded_by)
        VALUES (@transaction_id, @experiment_id, @sequence, @strategy, @consumer_id, @requested_at, @decided_at,
                @flow_started_at, @flow_ended_at, @price, @uplink, @downlink, @mu, @delta, @epsilon, @flow_size_mb,
                @participants, @missing, @score_vectors, @consensus_vectors, @final_scores, @winner, @winner_faulty,
                @price_paid, @measured_uplink, @measured_downlink, @rating, @outcome, @failure_reason, @simulated,
                @aggregator, @variant, @consumer_parameters, @provider_parameters, @missing_reasons, 'client')
        ON CONFLICT DO NOTHING
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

    /// <summary>Adds the parameters of <see cref="InsertSql"/> for <paramref name="r"/> to <paramref name="command"/>.</summary>
    public static void AddInsertParameters(NpgsqlCommand command, TransactionRecord r)
    {
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("transaction_id", NpgsqlDbType.Uuid) { TypedValue = r.TransactionId });
        p.Add(Nullable("experiment_id", NpgsqlDbType.Uuid, r.ExperimentId));
        p.Add(Nullable("sequence", NpgsqlDbType.Integer, r.Sequence));
        p.Add(new NpgsqlParameter<string>("strategy", NpgsqlDbType.Text) { TypedValue = r.Strategy });
        p.Add(new NpgsqlParameter<string>("consumer_id", NpgsqlDbType.Text) { TypedValue = r.ConsumerId });
        p.Add(new NpgsqlParameter<DateTimeOffset>("requested_at", NpgsqlDbType.TimestampTz) { TypedValue = r.RequestedAt.ToUniversalTime() });
        p.Add(Nullable("decided_at", NpgsqlDbType.TimestampTz, r.DecidedAt?.ToUniversalTime()));
        p.Add(Nullable("flow_started_at", NpgsqlDbType.TimestampTz, r.FlowStartedAt?.ToUniversalTime()));
        p.Add(Nullable("flow_ended_at", NpgsqlDbType.TimestampTz, r.FlowEndedAt?.ToUniversalTime()));
        p.Add(Double("price", r.Qos.Price));
        p.Add(Double("uplink", r.Qos.Uplink));
        p.Add(Double("downlink", r.Qos.Downlink));
        p.Add(Double("mu", r.Qos.Mu));
        p.Add(Double("delta", r.Qos.Delta));
        p.Add(Double("epsilon", r.Qos.Epsilon));
        p.Add(Double("flow_size_mb", r.Qos.FlowSizeMb));
        p.Add(new NpgsqlParameter<string[]>("participants", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. r.Participants] });
        p.Add(new NpgsqlParameter<string[]>("missing", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. r.Missing] });
        p.Add(Jsonb("score_vectors", JsonSerializer.Serialize(r.ScoreVectors, Json)));
        p.Add(Jsonb("consensus_vectors", JsonSerializer.Serialize(r.ConsensusVectors, Json)));
        p.Add(Jsonb("final_scores", JsonSerializer.Serialize(r.FinalScores, Json)));
        p.Add(Nullable("winner", NpgsqlDbType.Text, r.Winner));
        p.Add(Nullable("winner_faulty", NpgsqlDbType.Boolean, r.WinnerFaulty));
        p.Add(Nullable("price_paid", NpgsqlDbType.Double, r.PricePaid));
        p.Add(Nullable("measured_uplink", NpgsqlDbType.Double, r.MeasuredUplink));
        p.Add(Nullable("measured_downlink", NpgsqlDbType.Double, r.MeasuredDownlink));
        p.Add(Nullable("rating", NpgsqlDbType.Double, r.Rating));
        p.Add(new NpgsqlParameter<string>("outcome", NpgsqlDbType.Text) { TypedValue = OutcomeName(r.Outcome) });
        p.Add(Nullable("failure_reason", NpgsqlDbType.Text, r.FailureReason));
        p.Add(new NpgsqlParameter<bool>("simulated", NpgsqlDbType.Boolean) { TypedValue = r.Simulated });
        p.Add(new NpgsqlParameter<string>("aggregator", NpgsqlDbType.Text) { TypedValue = r.Aggregator });
        p.Add(new NpgsqlParameter<string>("variant", NpgsqlDbType.Text) { TypedValue = r.Variant });
        p.Add(Jsonb("consumer_parameters", r.ConsumerParameters is null ? "{}" : JsonSerializer.Serialize(r.ConsumerParameters, ParameterJson)));
        p.Add(Jsonb("provider_parameters", JsonSerializer.Serialize(r.ProviderParameters, ParameterJson)));
        p.Add(Jsonb("missing_reasons", JsonSerializer.Serialize(r.MissingReasons, Json)));
    }

    /// <summary>Reads one row selected with <see cref="Columns"/> (in that order) back into a record.</summary>
    public static TransactionRecord Read(NpgsqlDataReader x) => new()
    {
        TransactionId = x.GetGuid(0),
        ExperimentId = x.IsDBNull(1) ? null : x.GetGuid(1),
        Sequence = x.IsDBNull(2) ? null : x.GetInt32(2),
        Strategy = x.GetString(3),
        ConsumerId = x.GetString(4),
        RequestedAt = x.GetFieldValue<DateTimeOffset>(5),
        DecidedAt = x.IsDBNull(6) ? null : x.GetFieldValue<DateTimeOffset>(6),
        FlowStartedAt = x.IsDBNull(7) ? null : x.GetFieldValue<DateTimeOffset>(7),
        FlowEndedAt = x.IsDBNull(8) ? null : x.GetFieldValue<DateTimeOffset>(8),
        Qos = new Qos(x.GetDouble(9), x.GetDouble(10), x.GetDouble(11), x.GetDouble(12), x.GetDouble(13), x.GetDouble(14), x.GetDouble(15)),
        Participants = x.GetFieldValue<string[]>(16),
        Missing = x.GetFieldValue<string[]>(17),
        ScoreVectors = ReadNested(x.GetString(18)),
        ConsensusVectors = ReadNested(x.GetString(19)),
        FinalScores = JsonSerializer.Deserialize<Dictionary<string, double>>(x.GetString(20), Json) ?? [],
        Winner = x.IsDBNull(21) ? null : x.GetString(21),
        WinnerFaulty = x.IsDBNull(22) ? null : x.GetBoolean(22),
        PricePaid = x.IsDBNull(23) ? null : x.GetDouble(23),
        MeasuredUplink = x.IsDBNull(24) ? null : x.GetDouble(24),
        MeasuredDownlink = x.IsDBNull(25) ? null : x.GetDouble(25),
        Rating = x.IsDBNull(26) ? null : x.GetDouble(26),
        Outcome = ParseOutcome(x.GetString(27)),
        FailureReason = x.IsDBNull(28) ? null : x.GetString(28),
        Simulated = x.GetBoolean(29),
        Aggregator = x.GetString(30),
        Variant = x.GetString(31),
        ConsumerParameters = x.GetString(32) is "{}" ? null : JsonSerializer.Deserialize<AuctionParameters>(x.GetString(32), ParameterJson),
        ProviderParameters = JsonSerializer.Deserialize<Dictionary<string, ProviderPractice>>(x.GetString(33), ParameterJson) ?? [],
        MissingReasons = JsonSerializer.Deserialize<Dictionary<string, string>>(x.GetString(34), Json) ?? [],
    };

    /// <summary>The transactions of one experiment (every experiment when null), in request order.</summary>
    public static async Task<IReadOnlyList<TransactionRecord>> ReadAsync(
        NpgsqlDataSource dataSource, Guid? experimentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM transactions
            WHERE @experiment_id::uuid IS NULL OR experiment_id = @experiment_id::uuid
            ORDER BY strategy, sequence NULLS LAST, requested_at, transaction_id
            """);
        command.Parameters.Add(Nullable("experiment_id", NpgsqlDbType.Uuid, experimentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TransactionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>A score map as JSON text, the way it is stored.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ReadNested(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(json, Json) ?? [])
        .ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value);

    private static NpgsqlParameter Double(string name, double value) =>
        new NpgsqlParameter<double>(name, NpgsqlDbType.Double) { TypedValue = value };

    private static NpgsqlParameter Jsonb(string name, string json) =>
        new NpgsqlParameter<string>(name, NpgsqlDbType.Jsonb) { TypedValue = json };

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
