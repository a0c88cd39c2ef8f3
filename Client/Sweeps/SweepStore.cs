using Npgsql;
using NpgsqlTypes;

namespace Auction.Client.Sweeps;

/// <summary>The <c>sweeps</c> table and the sweep tags of experiments: which sweep a rerun resumes, and which of its experiments are finished.</summary>
public sealed class SweepStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The id of the sweep with this name and config, created if there is none. Null when a sweep of that name exists
    /// with another config (resuming it would mix two grids).
    /// </summary>
    public async Task<(Guid? Id, bool Resumed)> FindOrCreateAsync(string name, string configJson, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockName = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('sweep:' || @name))", connection, transaction))
        {
            lockName.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlDbType.Text) { TypedValue = name });
            await lockName.ExecuteNonQueryAsync(ct);
        }
        await using (var find = new NpgsqlCommand("SELECT id, config = @config::jsonb FROM sweeps WHERE name = @name ORDER BY created_at LIMIT 1", connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlDbType.Text) { TypedValue = name });
            find.Parameters.Add(new NpgsqlParameter<string>("config", NpgsqlDbType.Text) { TypedValue = configJson });
            await using var reader = await find.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var existing = reader.GetGuid(0);
                bool same = reader.GetBoolean(1);
                return same ? (existing, true) : (null, false);
            }
        }
        var id = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand("INSERT INTO sweeps (id, name, config) VALUES (@id, @name, @config::jsonb)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
            insert.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlDbType.Text) { TypedValue = name });
            insert.Parameters.Add(new NpgsqlParameter<string>("config", NpgsqlDbType.Text) { TypedValue = configJson });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (id, false);
    }

    /// <summary>The (cell, seed) pairs of the sweep whose experiment completed, cells as canonical JSON text.</summary>
    public async Task<HashSet<(string Cell, int Seed)>> FinishedAsync(Guid sweepId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT sweep_cell::text, seed FROM experiments WHERE sweep_id = @id AND status = 'completed' AND sweep_cell IS NOT NULL AND seed IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = sweepId });
        var finished = new HashSet<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            finished.Add((SweepPlan.Canonical(System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(0))), (int)reader.GetInt64(1)));
        return finished;
    }

    /// <summary>Marks an experiment as the sweep's experiment of one cell.</summary>
    public async Task TagAsync(Guid experimentId, Guid sweepId, string cellJson, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE experiments SET sweep_id = @sweep, sweep_cell = @cell::jsonb WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = experimentId });
        command.Parameters.Add(new NpgsqlParameter<Guid>("sweep", NpgsqlDbType.Uuid) { TypedValue = sweepId });
        command.Parameters.Add(new NpgsqlParameter<string>("cell", NpgsqlDbType.Text) { TypedValue = cellJson });
        await command.ExecuteNonQueryAsync(ct);
    }
}
