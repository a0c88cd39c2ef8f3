using System.Text.Json;
using Auction.Grains.Persistence;
using Npgsql;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// The server pg.sh starts: passwords on every TCP connection, the administrator only on its Unix socket, and an
/// application role that owns the schema but cannot run programs on the host.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LeastPrivilegeTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "privilege")
{
    private async Task<PostgresException> RefusedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        return await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
    }

    [PostgresFact]
    public async Task Tcp_logins_need_the_password()
    {
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Server.Port};Username={PostgresServerFixture.AppUser};Database={DatabaseName};Timeout=5;Pooling=false"))
        {
            // the server asks for a scram-sha-256 password; without one the client cannot even answer
            var noPassword = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
            Assert.Contains("password", noPassword.Message, StringComparison.OrdinalIgnoreCase);
        }

        var wrongPassword = await RefusedAsync($"Host=127.0.0.1;Port={Server.Port};Username={PostgresServerFixture.AppUser};Password=not-{Server.Password};Database={DatabaseName};Timeout=5");

        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrongPassword.SqlState);
    }

    [PostgresFact]
    public async Task The_administrator_cannot_log_in_over_tcp()
    {
        var refused = await RefusedAsync($"Host=127.0.0.1;Port={Server.Port};Username=postgres;Database=postgres;Timeout=5");
        Assert.Equal(PostgresErrorCodes.InvalidAuthorizationSpecification, refused.SqlState); // "pg_hba.conf rejects connection"

        await using var admin = new NpgsqlConnection(Server.AdminConnectionString("postgres") + ";Pooling=false");
        await admin.OpenAsync(); // the socket still works for the one who started the server
        await using var command = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", admin);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [PostgresFact]
    public async Task The_application_role_owns_the_schema_but_is_no_superuser()
    {
        await SchemaMigrator.MigrateAsync(DataSource);

        Assert.False(await ScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(PostgresServerFixture.AppUser, await ScalarAsync<string>("SELECT tableowner::text FROM pg_tables WHERE tablename = 'transactions'"));
        Assert.Equal(PostgresServerFixture.AppUser, await ScalarAsync<string>("SELECT tableowner::text FROM pg_tables WHERE tablename = 'orleansmembershiptable'"));
        var copy = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<object>("COPY transactions FROM PROGRAM 'id'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, copy.SqlState);
        var role = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<object>("ALTER ROLE current_user SUPERUSER"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, role.SqlState);
    }

    [PostgresFact]
    public async Task Results_on_a_database_never_migrated_name_the_migrate_command_without_the_password()
    {
        var result = await ClientProcess.RunAsync("results", "--connection", ConnectionString);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("has no auction tables yet: run 'auction db migrate --connection", result.StandardError);
        Assert.DoesNotContain(Server.Password, result.StandardError);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    [PostgresFact]
    public async Task Results_and_report_of_an_experiment_without_transactions_print_an_empty_summary()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var id = await new ExperimentStore(DataSource).CreateAsync("empty", "auction", 1);

        var results = await ClientProcess.RunAsync("results", "--experiment", id.ToString(), "--connection", ConnectionString);
        var report = await ClientProcess.RunAsync("report", "experiment", id.ToString(), "--connection", ConnectionString);

        Assert.True(results.ExitCode == 0, results.StandardError);
        Assert.True(report.ExitCode == 0, report.StandardError);
        using var json = JsonDocument.Parse(results.StandardOutput);
        Assert.Equal(0, json.RootElement.GetProperty("strategies").GetArrayLength());
        Assert.Contains("(no transactions)", report.StandardOutput);
    }
}
