using Auction.Tests.Support;
using System.Net;
using System.Net.Sockets;
using CliWrap;
using CliWrap.Buffered;
using Npgsql;

namespace Auction.Tests.Integration.Postgres;

/// <summary>The xunit collection of every test that needs PostgreSQL: they share one server and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}

/// <summary>
/// A private PostgreSQL server for the test run, started with infra/postgres/pg.sh on a free port in a unique temp
/// folder; stopped and deleted in <see cref="DisposeAsync"/>. Tests create and drop their own databases on it.
/// As in production, tests connect as <see cref="AppUser"/> (not a superuser) with a generated password over TCP;
/// only creating and dropping databases goes through the administrator's Unix socket.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan PgShTimeout = TimeSpan.FromSeconds(90);

    public int Port { get; private set; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"auction-pg-{Guid.NewGuid():N}");

    public string ScriptPath { get; } = RepositoryRoot.Combine("infra", "postgres", "pg.sh");

    /// <summary>The application role the tests connect as: owns its databases, is not a superuser.</summary>
    public const string AppUser = "auction_app";

    /// <summary>The application role's password, generated for this server.</summary>
    public string Password { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={AppUser};Password={Password};Database={database};Timeout=5;Command Timeout=30";

    /// <summary>The administrator over the Unix socket in the data folder (peer authentication: this process's OS user).</summary>
    public string AdminConnectionString(string database) =>
        $"Host={DataDirectory};Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=30";

    public async Task InitializeAsync()
    {
        Port = FreeTcpPort();
        try
        {
            await StartServerAsync();
            await CreateAppRoleAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                NpgsqlConnection.ClearAllPools();
                await StopServerAsync();
            }
        }
        finally
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    /// <summary>A second address to listen on (a lab's bridge), accepting password logins from <see cref="Allow"/>; null: loopback only.</summary>
    public string? AlsoListen { get; init; }

    public string? Allow { get; init; }

    public Task StartServerAsync() => RunPgShAsync(
        ["start", "--dir", DataDirectory, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
         .. AlsoListen is null ? Array.Empty<string>() : ["--also-listen", AlsoListen, "--allow", Allow!]]);

    private async Task CreateAppRoleAsync()
    {
        var passwordFile = DataDirectory + ".password";
        File.WriteAllText(passwordFile, Password + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            await RunPgShAsync("app", "--dir", DataDirectory, "--user", AppUser, "--database", AppUser, "--password-file", passwordFile);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    public Task StopServerAsync() => RunPgShAsync("stop", "--dir", DataDirectory);

    /// <summary>Exit code of <c>pg.sh status</c>: 0 running, 3 not running.</summary>
    public async Task<int> StatusAsync() => (await RunPgShAsync(validate: false, "status", "--dir", DataDirectory)).ExitCode;

    /// <summary>Creates an empty database with a unique name starting with <paramref name="prefix"/> and returns the name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER {AppUser}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<BufferedCommandResult> RunPgShAsync(params string[] arguments) => await RunPgShAsync(validate: true, arguments);

    private async Task<BufferedCommandResult> RunPgShAsync(bool validate, params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(PgShTimeout);
        BufferedCommandResult result;
        try
        {
            result = await Cli.Wrap("bash")
                .WithArguments([ScriptPath, .. arguments])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"pg.sh {string.Join(' ', arguments)} did not finish within {PgShTimeout.TotalSeconds} s");
        }

        if (validate && result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pg.sh {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        }

        return result;
    }
}

/// <summary>A test class's own database on the shared server: created before each test, dropped after it.</summary>
public abstract class PostgresDatabaseTest(PostgresServerFixture server, string prefix) : IAsyncLifetime
{
    protected PostgresServerFixture Server { get; } = server;

    protected string DatabaseName { get; private set; } = "";

    protected string ConnectionString => Server.ConnectionString(DatabaseName);

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        DatabaseName = await Server.CreateDatabaseAsync(prefix);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public virtual async Task DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (DatabaseName.Length > 0)
        {
            await Server.DropDatabaseAsync(DatabaseName);
        }
    }

    protected async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return (T)result!;
    }
}
