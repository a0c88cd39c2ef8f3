using System.Text.Json.Nodes;
using Auction.Grains.Interfaces.Models;
using Npgsql;
using NpgsqlTypes;

namespace Auction.Grains.Persistence;

/// <summary>How an experiment ended, as the <c>experiments.status</c> column spells it.</summary>
public enum ExperimentStatus
{
    Running,
    Completed,
    Interrupted,
    Failed,
    /// <summary>Read only: still 'running' in the table, but its client has not been heard from for <see cref="ExperimentStore.AbandonedAfter"/>.</summary>
    Abandoned,
}

/// <summary>One row of the <c>experiments</c> table; the world's name and checksum are null when the experiment was given no world.</summary>
public sealed record ExperimentRow(
    Guid Id,
    string Name,
    string Strategy,
    long? Seed,
    string ConfigJson,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    ExperimentStatus Status,
    string? WorldName = null,
    string? WorldChecksum = null);

/// <summary>Creates, finishes and finds experiments (the <c>experiments</c> table). Parameterised SQL only.</summary>
public sealed class ExperimentStore(NpgsqlDataSource dataSource)
{
    public static string StatusName(ExperimentStatus status) => status switch
    {
        ExperimentStatus.Running => "running",
        ExperimentStatus.Completed => "completed",
        ExperimentStatus.Interrupted => "interrupted",
        ExperimentStatus.Failed => "failed",
        ExperimentStatus.Abandoned => "abandoned",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown experiment status"),
    };

    public static ExperimentStatus ParseStatus(string status) => status switch
    {
        "running" => ExperimentStatus.Running,
        "completed" => ExperimentStatus.Completed,
        "interrupted" => ExperimentStatus.Interrupted,
        "failed" => ExperimentStatus.Failed,
        "abandoned" => ExperimentStatus.Abandoned,
        _ => throw new FormatException($"unknown experiment status '{status}' (running, completed, interrupted, failed, abandoned)"),
    };

    /// <summary>
    /// Inserts a running experiment and returns its id. <paramref name="configJson"/> is the run's configuration as a
    /// JSON document (the trigger config, say); <paramref name="world"/> the world it was given, kept whole (text,
    /// traces, checksum) so that it can be run again from the database alone. Creating the same id twice keeps the first row.
    /// </summary>
    public async Task<Guid> CreateAsync(
        string name, string strategy, long? seed, string configJson = "{}", Guid? id = null, DateTimeOffset? startedAt = null,
        CancellationToken cancellationToken = default, WorldSource? world = null)
    {
        var experimentId = id ?? Guid.NewGuid();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO experiments (id, name, strategy, seed, config, started_at, status, world_name, world_checksum, world)
            VALUES (@id, @name, @strategy, @seed, @config, @started_at, 'running', @world_name, @world_checksum, @world)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter("world_name", NpgsqlDbType.Text) { Value = (object?)world?.Name ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("world_checksum", NpgsqlDbType.Text) { Value = (object?)world?.Checksum ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("world", NpgsqlDbType.Jsonb) { Value = world is null ? DBNull.Value : WorldJson(world) });
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = experimentId });
        command.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlDbType.Text) { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string>("strategy", NpgsqlDbType.Text) { TypedValue = strategy });
        command.Parameters.Add(new NpgsqlParameter("seed", NpgsqlDbType.Bigint) { Value = (object?)seed ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string>("config", NpgsqlDbType.Jsonb) { TypedValue = configJson });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("started_at", NpgsqlDbType.TimestampTz)
        {
            TypedValue = (startedAt ?? DateTimeOffset.UtcNow).ToUniversalTime(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return experimentId;
    }

    /// <summary>Sets the final status and finish time. Returns false when no experiment has that id.</summary>
    public async Task<bool> FinishAsync(
        Guid id, ExperimentStatus status, DateTimeOffset? finishedAt = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE experiments SET status = @status, finished_at = @finished_at WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string>("status", NpgsqlDbType.Text) { TypedValue = StatusName(status) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("finished_at", NpgsqlDbType.TimestampTz)
        {
            TypedValue = (finishedAt ?? DateTimeOffset.UtcNow).ToUniversalTime(),
        });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>A running experiment not heard from for this long reads as abandoned (the SQL function experiment_state).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(60);

    /// <summary>How often a running client touches its experiment: six heartbeats fit in <see cref="AbandonedAfter"/>.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>Records that the experiment's client is alive. Returns false when no running experiment has that id.</summary>
    public async Task<bool> HeartbeatAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE experiments SET heartbeat_at = now() WHERE id = @id AND status = 'running'");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ExperimentRow?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"{SelectSql} WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>The most recently started experiment, or null when there is none.</summary>
    public async Task<ExperimentRow?> GetLatestAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"{SelectSql} ORDER BY started_at DESC, id LIMIT 1");
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>How many transactions of the experiment PostgreSQL holds (the consumers' records and the client's unanswered rows).</summary>
    public async Task<long> CountTransactionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM transactions WHERE experiment_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Whether the schema has the experiments and transactions tables (false before <c>db migrate</c>).</summary>
    public async Task<bool> HasTablesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT to_regclass('experiments') IS NOT NULL AND to_regclass('transactions') IS NOT NULL");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The world an experiment was given, as stored (null when it was given none).</summary>
    public async Task<WorldSource?> GetWorldAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT world::text FROM experiments WHERE id = @id AND world IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? ParseWorld(json) : null;
    }

    /// <summary>A world as the <c>world</c> column keeps it: <c>{"name", "checksum", "text", "traces": {path: csv}}</c>.</summary>
    public static string WorldJson(WorldSource world)
    {
        var traces = new JsonObject();
        foreach (var (path, text) in world.Traces.OrderBy(t => t.Key, StringComparer.Ordinal)) traces[path] = text;
        return new JsonObject { ["name"] = world.Name, ["checksum"] = world.Checksum, ["text"] = world.Text, ["traces"] = traces }.ToJsonString();
    }

    private static WorldSource ParseWorld(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var traces = node["traces"]!.AsObject().ToDictionary(t => t.Key, t => t.Value!.GetValue<string>(), StringComparer.Ordinal);
        return new WorldSource(node["name"]!.GetValue<string>(), node["text"]!.GetValue<string>(), traces, node["checksum"]!.GetValue<string>());
    }

    private const string SelectSql =
        "SELECT id, name, strategy, seed, config::text, started_at, finished_at, experiment_state(status, started_at, heartbeat_at), world_name, world_checksum FROM experiments";

    private static async Task<ExperimentRow?> ReadOneAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ExperimentRow(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            ParseStatus(reader.GetString(7)),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9));
    }
}
