using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Auction.Client.Reports;

/// <summary>One experiment of a sweep, one strategy: its cell, seed and metrics over the window.</summary>
public sealed record SweepExperimentMetrics(
    IReadOnlyDictionary<string, string> Cell, int Seed, string Strategy, string Variant, double? FaultyWinShare, double? MeanRating);

/// <summary>One cell × strategy/variant of a sweep over its seeds.</summary>
public sealed record SweepCellSummary(
    IReadOnlyDictionary<string, string> Cell, string Strategy, string Variant, SampleSummary? FaultyWinShare, SampleSummary? MeanRating);

/// <summary>Reads a sweep's completed experiments from PostgreSQL and summarises each cell over its seeds.</summary>
public static class SweepResults
{
    /// <summary>The id of the sweep with this name (names are unique: a rerun with the same name resumes it), or null.</summary>
    public static async Task<Guid?> IdByNameAsync(NpgsqlDataSource dataSource, string name, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM sweeps WHERE name = @name ORDER BY created_at LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlDbType.Text) { TypedValue = name });
        return await command.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    public static async Task<(string Name, IReadOnlyList<string> Axes)?> FindAsync(NpgsqlDataSource dataSource, Guid sweepId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT name, config::text FROM sweeps WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = sweepId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var config = System.Text.Json.JsonSerializer.Deserialize(reader.GetString(1), StoredSweepJsonContext.Default.StoredSweepJson);
        var axes = (config?.Axes ?? [])
            .Select(a => a?.Name ?? a?.Field ?? "")
            .Where(a => a.Length > 0)
            .ToArray();
        return (reader.GetString(0), axes);
    }

    /// <summary>
    /// Each completed experiment of the sweep, per strategy, over the window: computed by the database function
    /// <c>sweep_window_metrics</c> (infra/sql/012), the same definition the view <c>sweep_experiment_metrics</c> uses.
    /// </summary>
    public static async Task<IReadOnlyList<SweepExperimentMetrics>> ReadAsync(
        NpgsqlDataSource dataSource, Guid sweepId, RequestWindow window, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sweep_cell::text, seed, strategy, variant, faulty_win_share, mean_rating
            FROM sweep_window_metrics(@from, @to)
            WHERE sweep_id = @id
            ORDER BY 1, 3, 4, 2
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = sweepId });
        command.Parameters.Add(new NpgsqlParameter<int>("from", NpgsqlDbType.Integer) { TypedValue = window.FirstSequence });
        command.Parameters.Add(new NpgsqlParameter<int>("to", NpgsqlDbType.Integer) { TypedValue = window.LastSequence });
        var rows = new List<SweepExperimentMetrics>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var cell = (JsonNode.Parse(reader.GetString(0)) as JsonObject ?? [])
                .ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.TryGetValue(out string? s) ? s : kv.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
            rows.Add(new SweepExperimentMetrics(cell, (int)reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5)));
        }
        return rows;
    }

    /// <summary>Groups the experiments by cell and strategy/variant and summarises each metric over the seeds.</summary>
    public static IReadOnlyList<SweepCellSummary> Summarise(IEnumerable<SweepExperimentMetrics> rows) =>
        rows.GroupBy(r => (Key: string.Join('\u001f', r.Cell.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")), r.Strategy, r.Variant))
            .Select(g =>
            {
                var shares = g.Where(r => r.FaultyWinShare is not null).Select(r => r.FaultyWinShare!.Value).ToArray();
                var ratings = g.Where(r => r.MeanRating is not null).Select(r => r.MeanRating!.Value).ToArray();
                return new SweepCellSummary(g.First().Cell, g.Key.Strategy, g.Key.Variant,
                    shares.Length == 0 ? null : SampleSummary.Of(shares), ratings.Length == 0 ? null : SampleSummary.Of(ratings));
            })
            .ToArray();
}
