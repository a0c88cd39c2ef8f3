using Auction.Tests.Support;
using Auction.Grains.Persistence;

namespace Auction.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "migrations")
{
    [Fact]
    public void The_embedded_migrations_are_the_infra_sql_files_in_order()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("infra", "sql"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var embedded = SchemaMigrator.EmbeddedMigrations();

        Assert.Equal(files, embedded.Select(m => m.Name));
        Assert.Equal(["001_orleans_clustering.sql", "002_auction_schema.sql", "003_views.sql", "006_research.sql"], embedded.Select(m => m.Name));
        Assert.All(embedded, m => Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("infra", "sql", m.Name)), m.Sql));
    }

    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_is_a_no_op()
    {
        var first = await SchemaMigrator.MigrateAsync(DataSource);
        var versionAfterFirst = await ScalarAsync<long>("SELECT count(*) FROM schema_migrations");
        var appliedAt = await ScalarAsync<DateTime>("SELECT max(applied_at) FROM schema_migrations");
        var second = await SchemaMigrator.MigrateAsync(DataSource);

        Assert.Equal(["001_orleans_clustering.sql", "002_auction_schema.sql", "003_views.sql", "006_research.sql"], first.Applied);
        Assert.Empty(first.AlreadyApplied);
        Assert.Empty(second.Applied);
        Assert.Equal(first.Applied, second.AlreadyApplied);
        Assert.Equal(4, versionAfterFirst);
        Assert.Equal(4, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
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

    [Fact]
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

    [Fact]
    public async Task An_edited_applied_migration_is_refused()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var edited = SchemaMigrator.EmbeddedMigrations()
            .Select(m => m.Name == "003_views.sql" ? m with { Sql = m.Sql + "\n-- edited\n" } : m)
            .ToArray();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(DataSource, edited));
        Assert.Contains("003_views.sql", error.Message);
    }
}
