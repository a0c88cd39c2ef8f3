using Auction.Tests.Support;
using Auction.Grains.Persistence;

namespace Auction.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "migrations")
{
    [PostgresFact]
    public void The_embedded_migrations_are_the_infra_sql_files_in_order()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("infra", "sql"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var embedded = SchemaMigrator.EmbeddedMigrations();

        Assert.Equal(files, embedded.Select(m => m.Name));
        Assert.Equal(SqlFiles(), embedded.Select(m => m.Name));
        Assert.All(embedded, m => Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("infra", "sql", m.Name)), m.Sql));
    }

    [PostgresFact]
    public async Task Migrations_apply_once_and_a_second_run_is_a_no_op()
    {
        var first = await SchemaMigrator.MigrateAsync(DataSource);
        var versionAfterFirst = await ScalarAsync<long>("SELECT count(*) FROM schema_migrations");
        var appliedAt = await ScalarAsync<DateTime>("SELECT max(applied_at) FROM schema_migrations");
        var second = await SchemaMigrator.MigrateAsync(DataSource);

        Assert.Equal(SqlFiles(), first.Applied);
        Assert.Empty(first.AlreadyApplied);
        Assert.Empty(second.Applied);
        Assert.Equal(first.Applied, second.AlreadyApplied);
        Assert.Equal(SqlFiles().Length, versionAfterFirst);
        Assert.Equal(SqlFiles().Length, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(appliedAt, await ScalarAsync<DateTime>("SELECT max(applied_at) FROM schema_migrations"));

        foreach (var table in new[] { "orleansquery", "orleansmembershiptable", "orleansmembershipversiontable", "experiments", "transactions" })
        {
            Assert.Equal(1L, await ScalarAsync<long>(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name = @t",
                ("t", table)));
        }

        foreach (var view in new[] { "experiment_summary", "provider_wins", "transaction_timeline" })
        {
            Assert.Equal(1L, await ScalarAsync<long>(
                "SELECT count(*) FROM information_schema.views WHERE table_schema = 'public' AND table_name = @v", ("v", view)));
        }

        // The ten membership queries Microsoft.Orleans.Clustering.AdoNet 10.x requires, once each.
        Assert.Equal(10L, await ScalarAsync<long>("""
            SELECT count(*) FROM orleansquery WHERE querykey IN ('InsertMembershipVersionKey', 'UpdateIAmAlivetimeKey',
              'InsertMembershipKey', 'UpdateMembershipKey', 'MembershipReadRowKey', 'MembershipReadAllKey',
              'DeleteMembershipTableEntriesKey', 'GatewaysQueryKey', 'CleanupDefunctSiloEntriesKey', 'CleanupDefunctSiloEntryKey')
            """));
    }

    [PostgresFact]
    public async Task Each_migration_file_is_itself_idempotent()
    {
        // Run every file twice outside the runner: the scripts must not fail on objects that already exist.
        foreach (var migration in SchemaMigrator.EmbeddedMigrations().Concat(SchemaMigrator.EmbeddedMigrations()))
        {
            await using var command = DataSource.CreateCommand(migration.Sql);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(10L, await ScalarAsync<long>("SELECT count(*) FROM orleansquery"));
    }

    [PostgresFact]
    public async Task An_edited_applied_migration_is_refused()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var edited = SchemaMigrator.EmbeddedMigrations()
            .Select(m => m.Name == "003_views.sql" ? m with { Sql = m.Sql + "\n-- edited\n" } : m)
            .ToArray();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(DataSource, edited));
        Assert.Contains("003_views.sql", error.Message);
    }

    [PostgresFact]
    public async Task A_database_that_applied_a_migration_before_a_comment_only_edit_is_up_to_date()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var (name, earlier) = SchemaMigrator.CommentOnlyEdits.First();
        var current = SchemaMigrator.EmbeddedMigrations().Single(m => m.Name == name);
        Assert.DoesNotContain(current.Checksum, earlier);
        // As recorded by a database that applied the text before the edit.
        await using (var update = DataSource.CreateCommand("UPDATE schema_migrations SET checksum = @c WHERE name = @n"))
        {
            update.Parameters.AddWithValue("c", earlier[0]);
            update.Parameters.AddWithValue("n", name);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var result = await SchemaMigrator.MigrateAsync(DataSource);

        Assert.Empty(result.Applied);
        Assert.Contains(name, result.AlreadyApplied);
        Assert.Equal(current.Checksum, await ScalarAsync<string>("SELECT checksum FROM schema_migrations WHERE name = @n", ("n", name)));
    }

    /// <summary>The migration files of infra/sql, in the order they apply.</summary>
    private static string[] SqlFiles() =>
        Directory.GetFiles(RepositoryRoot.Combine("infra", "sql"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
