using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Auction.Grains.Persistence;

/// <summary>One schema migration: its name (the SQL file name, e.g. <c>002_auction_schema.sql</c>) and SQL text.</summary>
public sealed record SchemaMigration(string Name, string Sql)
{
    /// <summary>SHA-256 of the SQL text (line endings normalised to LF), hex; stored to notice edited files.</summary>
    public string Checksum =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>The outcome of a migration run: what was applied now and what had been applied before.</summary>
public sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied);

/// <summary>
/// Applies the SQL migrations of <c>infra/sql</c> (embedded in this assembly) in file-name order, each in its own
/// transaction, and records them in <c>schema_migrations</c>. Running it again applies nothing. Concurrent runners
/// (a silo and a client starting together) are serialised by a PostgreSQL advisory lock.
/// </summary>
public static class SchemaMigrator
{
    private const string ResourcePrefix = "sql/";

    /// <summary>
    /// Checksums of earlier texts of applied migrations whose later edits changed comments only: a database that
    /// applied an earlier text is up to date, and its recorded checksum is brought up to the file's.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> CommentOnlyEdits { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["002_auction_schema.sql"] = ["5b9f79f4483f3473a4c6781bd3bf69004a14d1d5590f5736ee995b90276b1f05"],
    };

    /// <summary>Arbitrary constant identifying this migrator's advisory lock.</summary>
    private const long AdvisoryLockKey = 0x41_75_63_74_69_6F_6E; // "Auction"

    /// <summary>The migrations embedded in Auction.Grains, ordered by name.</summary>
    public static IReadOnlyList<SchemaMigration> EmbeddedMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new SchemaMigration(n[ResourcePrefix.Length..], ReadResource(assembly, n)))
            .ToArray();
    }

    public static async Task<MigrationResult> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await MigrateAsync(dataSource, cancellationToken);
    }

    public static Task<MigrationResult> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        MigrateAsync(dataSource, EmbeddedMigrations(), cancellationToken);

    public static async Task<MigrationResult> MigrateAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The lock first: two runners creating the table at once on an empty database would collide.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations
                (
                    name       text        NOT NULL PRIMARY KEY,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var known = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT name, checksum FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    known[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var applied = new List<string>();
            var already = new List<string>();
            foreach (var migration in migrations.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (known.TryGetValue(migration.Name, out var checksum))
                {
                    if (CommentOnlyEdits.TryGetValue(migration.Name, out var earlier) && earlier.Contains(checksum, StringComparer.Ordinal))
                    {
                        await using var update = new NpgsqlCommand("UPDATE schema_migrations SET checksum = @checksum WHERE name = @name", connection);
                        update.Parameters.AddWithValue("checksum", migration.Checksum);
                        update.Parameters.AddWithValue("name", migration.Name);
                        await update.ExecuteNonQueryAsync(cancellationToken);
                        checksum = migration.Checksum;
                    }
                    if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Name} was applied with checksum {checksum} but the file now has {migration.Checksum}; "
                            + "applied migrations must not be edited: add a new migration instead.");
                    }

                    already.Add(migration.Name);
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"Migration {migration.Name} failed: {e.MessageText} (SQLSTATE {e.SqlState}).", e);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (name, checksum) VALUES (@name, @checksum)", connection, transaction))
                {
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.Parameters.AddWithValue("checksum", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied.Add(migration.Name);
            }

            return new MigrationResult(applied, already);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
