using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Auction.Grains.Persistence;
using Auction.Tests.Integration.Network;
using Auction.Tests.Integration.Postgres;
using Auction.Tests.Support;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Auction.Tests.Integration.Chaos;

/// <summary>
/// A small real cluster to break: 4 provider silos in their own network namespaces (tc-shaped links, iperf3
/// servers), a consumer silo, its own PostgreSQL. Every silo can be killed, stopped and started again with its own
/// command and environment; PostgreSQL can be frozen (SIGSTOP) or restarted. Everything goes in <see cref="DisposeAsync"/>.
/// </summary>
public sealed class ChaosLab : IAsyncLifetime
{
    public const int ProviderCount = 4;
    public const int Active = 3;
    public const int Dead = 6;

    private readonly Dictionary<string, (Dictionary<string, string> Environment, string? Namespace)> _commands = new();
    private readonly Dictionary<string, SiloProcess> _silos = new();
    private readonly List<SiloProcess> _stopped = [];
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"chaos-{Guid.NewGuid():N}");

    public string ClusterId { get; } = $"chaos-{Guid.NewGuid():N}"[..16];
    public NetworkLab Lab { get; private set; } = null!;
    public PostgresServerFixture Postgres { get; private set; } = null!;
    public string Connection { get; private set; } = "";
    public NpgsqlDataSource Data { get; private set; } = null!;
    public string ConsumerGateway { get; private set; } = "";
    public bool Ready { get; private set; }
    /// <summary>The cluster's CA and one certificate per member (consumer, client, provider-N): every connection is mutual TLS.</summary>
    public TestCertificates Certificates { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Root.IsRoot) return; // the tests skip themselves
        Lab = await NetworkLab.UpAsync(ProviderCount);
        Postgres = new PostgresServerFixture { AlsoListen = Lab.ConsumerAddress, Allow = Lab.Subnet };
        await Postgres.InitializeAsync();
        var database = await Postgres.CreateDatabaseAsync("chaos");
        Connection = $"Host={Lab.ConsumerAddress};Port={Postgres.Port};Username={PostgresServerFixture.AppUser};Password={Postgres.Password};Database={database};Timeout=5;Command Timeout=10";
        Data = NpgsqlDataSource.Create(Connection);
        await SchemaMigrator.MigrateAsync(Connection);
        Directory.CreateDirectory(_state);
        Certificates = await TestCertificates.MakeAsync(["consumer", "client", .. Lab.Providers.Select(p => $"provider-{p.Index}")]);

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Auction"] = Connection,
            ["Auction__Network__Mode"] = "lab",
            ["Auction__Database__Migrate"] = "false",
            ["Auction__Cluster__ClusterId"] = ClusterId,
            ["Auction__Parameters__BeaconIntervalMs"] = "500",
            ["Auction__Parameters__PhaseDeadlineMs"] = "1000",
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_TieredPGO"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var gatewayPort = FreePort.Next();
        ConsumerGateway = $"{Lab.ConsumerAddress}:{gatewayPort}";
        _commands["consumer"] = (new Dictionary<string, string>(common.Concat(Certificates.SiloEnvironment("consumer")))
        {
            ["Auction__Role"] = "consumer",
            ["Auction__Cluster__AdvertisedAddress"] = Lab.ConsumerAddress,
            ["Auction__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Auction__Cluster__GatewayPort"] = gatewayPort.ToString(),
            ["Auction__Dashboard__Enabled"] = "false",
            ["Auction__Database__OutboxDirectory"] = Path.Combine(_state, "outbox"),
        }, null);
        foreach (var provider in Lab.Providers)
        {
            _commands[$"provider-{provider.Index}"] = (new Dictionary<string, string>(common.Concat(Certificates.SiloEnvironment($"provider-{provider.Index}")))
            {
                ["Auction__Role"] = "provider",
                ["Auction__Provider__Id"] = $"provider-{provider.Index}",
                ["Auction__Provider__AdvertisedHost"] = provider.Address,
                ["Auction__Provider__RunDirectory"] = Lab.RunDirectory,
                ["Auction__Cluster__AdvertisedAddress"] = provider.Address,
                ["Auction__Cluster__GatewayPort"] = "0",
            }, provider.Namespace);
        }

        foreach (var name in _commands.Keys) Start(name);
        await WaitActiveAsync(ProviderCount + 1, TimeSpan.FromSeconds(180));
        Ready = true;
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var silo in _silos.Values.Concat(_stopped))
            {
                silo.Signal("CONT");
                await silo.DisposeAsync();
            }

            Data?.Dispose();
        }
        finally
        {
            if (Lab is not null) await Lab.DisposeAsync(); // also kills whatever a killed silo left in the namespaces
            if (Postgres is not null)
            {
                await ThawPostgresAsync();
                await Postgres.DisposeAsync();
            }

            if (Directory.Exists(_state)) Directory.Delete(_state, recursive: true);
            Certificates?.Dispose();
        }
    }

    /// <summary>Starts the named silo (consumer, provider-N) with its own command and environment, as after a crash.</summary>
    public void Start(string name)
    {
        var (environment, ns) = _commands[name];
        if (_silos.TryGetValue(name, out var previous)) _stopped.Add(previous);
        _silos[name] = SiloProcess.Start(environment, ns);
    }

    public SiloProcess Silo(string name) => _silos[name];

    /// <summary>
    /// The transactions whose write to PostgreSQL the running consumer silo saw fail and retried, as its warning
    /// (<see cref="PostgresTransactionLog"/>'s "Could not store transaction … retrying") names them.
    /// </summary>
    public IReadOnlySet<Guid> RetriedTransactionWrites() =>
        RetriedWrite.Matches(Silo("consumer").Output).Select(m => Guid.Parse(m.Groups["id"].Value)).ToHashSet();

    private static readonly Regex RetriedWrite = new("Could not store transaction (?<id>[0-9a-f-]{36}) in PostgreSQL", RegexOptions.Compiled);

    public async Task KillAsync(string name)
    {
        var silo = _silos[name];
        silo.Signal("KILL");
        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(10)), $"{name} did not die of SIGKILL");
    }

    /// <summary>Silos of this cluster with the given membership status.</summary>
    public async Task<long> SilosWithStatusAsync(int status)
    {
        try
        {
            await using var command = Data.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = @s");
            command.Parameters.AddWithValue("c", ClusterId);
            command.Parameters.AddWithValue("s", status);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return -1;
        }
    }

    /// <summary>The membership status of the newest silo at <paramref name="address"/> (a provider's address), or -1.</summary>
    public async Task<int> StatusOfSiloAtAsync(string address)
    {
        await using var command = Data.CreateCommand(
            "SELECT status FROM orleansmembershiptable WHERE deploymentid = @c AND address = @a ORDER BY generation DESC LIMIT 1");
        command.Parameters.AddWithValue("c", ClusterId);
        command.Parameters.AddWithValue("a", address);
        return await command.ExecuteScalarAsync() is int status ? status : -1;
    }

    public async Task WaitActiveAsync(int count, TimeSpan timeout)
    {
        await Eventually.TrueAsync(async () =>
        {
            foreach (var (name, silo) in _silos)
                Assert.False(silo.HasExited, $"{name} exited with {(silo.HasExited ? silo.ExitCode : 0)}:\n{silo.Output}");
            return await SilosWithStatusAsync(Active) >= count;
        }, timeout, $"{count} silos Active in the membership table");
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Data.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>PostgreSQL's postmaster and its children, from the data directory's postmaster.pid.</summary>
    private int[] PostgresProcesses()
    {
        var pidFile = Path.Combine(Postgres.DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return [];
        var postmaster = int.Parse(File.ReadLines(pidFile).First().Trim());
        var children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == postmaster);
        return [postmaster, .. children];
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>PostgreSQL stops answering (every process SIGSTOPped): connections hang instead of failing.</summary>
    public void FreezePostgres()
    {
        foreach (var pid in PostgresProcesses()) Signal(pid, "STOP");
    }

    public Task ThawPostgresAsync()
    {
        foreach (var pid in PostgresProcesses()) Signal(pid, "CONT");
        return Task.CompletedTask;
    }

    public static void Signal(int pid, string signal) => Process.Start("kill", $"-{signal} {pid}")?.WaitForExit(5_000);

    /// <summary>Writes an experiment config of small flows (1–4 MB) fired about every 0.3 s, and returns its path.</summary>
    public string Config(string name, int count, string strategy, int seed = 7)
    {
        var path = Path.Combine(_state, $"{name}.json");
        File.WriteAllText(path, $$"""
            {
              "name": "{{name}}", "strategy": "{{strategy}}", "seed": {{seed}},
              "requests": { "count": {{count}}, "interval_s": { "mean": 0.3, "std_dev": 0.1, "lowest": 0.1, "highest": 0.5 } },
              "qos": {
                "uplink": { "mean": 20, "std_dev": 10, "lowest": 5, "highest": 40 },
                "downlink": { "mean": 20, "std_dev": 10, "lowest": 5, "highest": 40 },
                "price": { "mean": 0.5, "std_dev": 0.25, "lowest": 0.1, "highest": 1 },
                "mu": { "mean": 0.8, "std_dev": 0.2, "lowest": 0.1, "highest": 0.99 },
                "delta": { "mean": 0.8, "std_dev": 0.2, "lowest": 0.1, "highest": 0.99 },
                "epsilon": { "mean": 2, "std_dev": 1, "lowest": 1, "highest": 3 },
                "flow_size": { "mean": 2, "std_dev": 1, "lowest": 1, "highest": 4 }
              },
              "providers": "all", "consumers": 1, "concurrency": 1, "time_scale": 1,
              "parameters": { "consumer_tau": 1, "phase_deadline_ms": 1000 }
            }
            """);
        return path;
    }

    /// <summary>Starts <c>auction experiment run</c> against this cluster as a real process (killable).</summary>
    public ClientRun RunExperiment(string config, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in (string[])[ClientProcess.ClientDll(), "experiment", "run", "--config", config, "--connection", Connection,
                     "--cluster-id", ClusterId, "--min-providers", "1", "--json", "--answer-margin", "10", .. extra])
            info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in Certificates.SiloEnvironment("client")) info.Environment[key] = value;
        info.Environment.Remove("ConnectionStrings__Auction");
        return new ClientRun(Process.Start(info)!);
    }

    /// <summary>The rows of one experiment (by its unique name): sequence, outcome, recorded_by, missing reasons, decision ms.</summary>
    public async Task<List<HistoryRow>> HistoryAsync(string experimentName)
    {
        await using var command = Data.CreateCommand("""
            SELECT t.transaction_id, t.strategy, t.sequence, t.outcome, t.recorded_by, t.missing_reasons::text,
                   extract(epoch FROM t.decided_at - t.requested_at) * 1000, t.winner, t.failure_reason
            FROM transactions t JOIN experiments e ON e.id = t.experiment_id
            WHERE e.name = @name ORDER BY t.strategy, t.sequence
            """);
        command.Parameters.AddWithValue("name", experimentName);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new HistoryRow(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5))!,
                reader.IsDBNull(6) ? null : Convert.ToDouble(reader.GetValue(6)), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    /// <summary>An Orleans client reaching the consumer silo's gateway directly (no PostgreSQL needed to find it).</summary>
    public async Task<IHost> ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var (host, port) = (ConsumerGateway[..ConsumerGateway.LastIndexOf(':')], int.Parse(ConsumerGateway[(ConsumerGateway.LastIndexOf(':') + 1)..]));
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(host), port));
            client.Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = "auction"; });
            var identity = Certificates.Load("client");
            client.UseTls(identity.Member, identity.Configure);
        });
        var app = builder.Build();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    public Task<string> StatusAsync(string experimentName) =>
        ScalarAsync<string>("SELECT status FROM experiment_states WHERE name = @n", ("n", experimentName));
}

public sealed record HistoryRow(
    Guid TransactionId, string Strategy, int Sequence, string Outcome, string RecordedBy,
    Dictionary<string, string> MissingReasons, double? DecisionMs, string? Winner, string? FailureReason);

/// <summary>A running client process, its output captured.</summary>
public sealed class ClientRun(Process process) : IDisposable
{
    private readonly Task<string> _stdout = process.StandardOutput.ReadToEndAsync();
    private readonly Task<string> _stderr = process.StandardError.ReadToEndAsync();

    public int Id => process.Id;

    /// <summary>Waits for the client to exit; returns its exit code, stdout and stderr.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the client did not finish within {timeout.TotalSeconds:0} s:\n{await _stderr}");
        }

        return (process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
