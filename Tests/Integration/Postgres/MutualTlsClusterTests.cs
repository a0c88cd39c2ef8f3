using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Auction.Grains.Persistence;
using Auction.Tests.Support;
using Npgsql;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// A cluster of real silo processes (a consumer and three providers, simulated links, PostgreSQL membership) with
/// mutual TLS: only holders of a certificate of the cluster's CA get a connection, a provider silo cannot serve
/// another provider's id, and the consumer listens on its advertised address alone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MutualTlsClusterTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "tls"), IAsyncLifetime
{
    private const int Providers = 3;
    private readonly string _clusterId = $"tls-{Guid.NewGuid():N}"[..16];
    private readonly List<SiloProcess> _silos = [];
    private TestCertificates? _certificates;
    private TestCertificates? _strangers;
    private int _siloPort;
    private int _gatewayPort;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
        _certificates = await TestCertificates.MakeAsync(["consumer", "client", .. Enumerable.Range(0, Providers).Select(i => $"provider-{i}")]);
        _strangers = await TestCertificates.MakeForeignAsync("client", "provider-0");
        _siloPort = FreePort.Next();
        _gatewayPort = FreePort.Next();
        _silos.Add(SiloProcess.Start(Member("consumer", new()
        {
            ["Auction__Role"] = "consumer",
            ["Auction__Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Auction__Cluster__SiloPort"] = _siloPort.ToString(),
            ["Auction__Cluster__GatewayPort"] = _gatewayPort.ToString(),
            ["Auction__Dashboard__Enabled"] = "false",
        })));
        for (var i = 0; i < Providers; i++) _silos.Add(StartProvider($"provider-{i}", $"provider-{i}"));
        await Eventually.TrueAsync(async () => await ActiveSilosAsync() == Providers + 1, TimeSpan.FromSeconds(150), $"{Providers + 1} silos to be Active");
    }

    public override async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        _certificates?.Dispose();
        _strangers?.Dispose();
        await base.DisposeAsync();
    }

    private Dictionary<string, string> Member(string certificate, Dictionary<string, string> settings, TestCertificates? from = null)
    {
        var environment = new Dictionary<string, string>((from ?? _certificates!).SiloEnvironment(certificate))
        {
            ["ConnectionStrings__Auction"] = ConnectionString,
            ["Auction__Network__Mode"] = "simulated",
            ["Auction__Database__Migrate"] = "false",
            ["Auction__Cluster__ClusterId"] = _clusterId,
            ["Auction__Parameters__BeaconIntervalMs"] = "500",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return environment;
    }

    private SiloProcess StartProvider(string id, string certificate, TestCertificates? from = null, int? siloPort = null) => SiloProcess.Start(Member(certificate, new()
    {
        ["Auction__Role"] = "provider",
        ["Auction__Provider__Id"] = id,
        ["Auction__Cluster__AdvertisedAddress"] = "127.0.0.1",
        ["Auction__Cluster__SiloPort"] = (siloPort ?? FreePort.Next()).ToString(),
        ["Auction__Cluster__GatewayPort"] = "0",
    }, from));

    private Task<CliWrap.Buffered.BufferedCommandResult> RunExperimentAsync(IReadOnlyDictionary<string, string> tls, string name, int count, string connectTimeout = "60") =>
        // A generous bound: after a provider's SIGKILL, until membership declares it dead, every auction waits out its
        // deadlines, and the whole suite runs beside this test on two cores.
        ClientProcess.RunAsync(tls, TimeSpan.FromSeconds(180), "experiment", "run", "--gateway", $"127.0.0.1:{_gatewayPort}", "--cluster-id", _clusterId,
            "--connection", ConnectionString, "--name", name, "--count", count.ToString(), "--time-scale", "0", "--strategy", "auction",
            "--providers", "all", "--min-providers", Providers.ToString(), "--connect-timeout", connectTimeout, "--json");

    [PostgresFact]
    public async Task Only_members_with_a_cluster_certificate_get_in_and_an_impostor_changes_nothing()
    {
        // 1. At the TLS layer, on both of the consumer's ports: no certificate, or one of another CA, is refused
        //    (that a cluster certificate gets in, the client runs below show).
        var stranger = _strangers!.Load("client").Member;
        foreach (var port in new[] { _siloPort, _gatewayPort })
        {
            Assert.True(await RefusedAsync(port, null), $"a connection without a certificate was accepted on port {port}");
            Assert.True(await RefusedAsync(port, stranger), $"a foreign CA's certificate was accepted on port {port}");
        }

        // 2. The client CLI: without a certificate, or with a stranger's, it cannot connect (exit 3); with one it runs.
        var without = await RunExperimentAsync(new Dictionary<string, string>(), "no-certificate", 1, connectTimeout: "5");
        Assert.True(without.ExitCode == 3, $"exit {without.ExitCode}: {without.StandardError}");
        var foreign = await RunExperimentAsync(_strangers!.SiloEnvironment("client"), "foreign-certificate", 1, connectTimeout: "5");
        Assert.True(foreign.ExitCode == 3, $"exit {foreign.ExitCode}: {foreign.StandardError}");
        var before = await RunExperimentAsync(_certificates!.SiloEnvironment("client"), "before", 4);
        Assert.True(before.ExitCode == 0, $"exit {before.ExitCode}: {before.StandardError}");
        var rowsBefore = await SnapshotAsync();
        Assert.Equal(4, rowsBefore.Count);

        // 3. A silo of another CA claiming provider-0 never becomes Active: nobody talks to it.
        var outsiderPort = FreePort.Next();
        var outsider = StartProvider("provider-0", "provider-0", _strangers, outsiderPort);
        _silos.Add(outsider);
        await Eventually.TrueAsync(async () => outsider.HasExited || await RowsAtPortAsync(outsiderPort) > 0, TimeSpan.FromSeconds(90),
            "the outsider silo to try to join");
        Assert.Equal(Providers + 1, await ActiveSilosAsync());

        // 4. The impostor replay: provider-1's certificate, claiming provider-0, does not start at all ...
        var impostor = StartProvider("provider-0", "provider-1");
        _silos.Add(impostor);
        Assert.True(await impostor.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the impostor kept running:\n{impostor.Output}");
        Assert.Equal(2, impostor.ExitCode);
        Assert.Contains("a provider silo serves only the provider in its certificate", impostor.Output);

        // A second silo with provider-1's own certificate, while provider-1's silo is live: refused, the first keeps it.
        var second = StartProvider("provider-1", "provider-1");
        _silos.Add(second);
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"the second provider-1 silo kept running:\n{second.Output}");
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("'provider-1' is already served by the live silo", second.Output);

        // ... and after the real provider-0 dies, its auctions find it missing instead of going to anybody in its name.
        var real = _silos[1];
        real.Signal("KILL");
        Assert.True(await real.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the killed provider silo did not exit");
        var after = await RunExperimentAsync(_certificates!.SiloEnvironment("client"), "after", 3);
        Assert.True(after.ExitCode is 0 or 1, $"exit {after.ExitCode}: {after.StandardError}");
        var rowsAfter = await SnapshotAsync();
        Assert.Equal(rowsBefore, rowsAfter.Take(rowsBefore.Count).ToList()); // no result row changed
        var newRows = rowsAfter.Skip(rowsBefore.Count).ToList();
        Assert.NotEmpty(newRows);
        Assert.All(newRows, row => Assert.NotEqual("provider-0", row.Winner));
        Assert.All(newRows, row => Assert.True(row.Winner is null || row.Winner is "provider-1" or "provider-2", $"winner {row.Winner}"));

        // The outsider tried all along; it never became Active.
        Assert.Equal(0L, await ActiveAtPortAsync(outsiderPort));

        // 5. The consumer listens on its advertised address only, never on every interface.
        var listening = await ListeningAddressesAsync(_silos[0].Id);
        Assert.NotEmpty(listening);
        Assert.All(listening, address => Assert.DoesNotMatch(@"^(0\.0\.0\.0|\*|\[::\]):", address));
    }

    private sealed record Row(Guid Id, string? Winner, bool? WinnerFaulty, string Missing);

    private async Task<List<Row>> SnapshotAsync()
    {
        await using var command = DataSource.CreateCommand(
            "SELECT transaction_id, winner, winner_faulty, array_to_string(missing, ',') FROM transactions ORDER BY requested_at, transaction_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetBoolean(2), reader.GetString(3)));
        return rows;
    }

    /// <summary>
    /// Connects with TLS presenting <paramref name="certificate"/> and waits for the silo's verdict: true when it
    /// refuses (the handshake fails, or the silo closes the connection once it has checked the certificate; on
    /// Linux that check ends just after the handshake). An accepted connection stays open, waiting for Orleans'
    /// preamble, so a refusal that does not come within 15 s counts as acceptance.
    /// </summary>
    private static async Task<bool> RefusedAsync(int port, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10));
        await using var ssl = new SslStream(tcp.GetStream());
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = Auction.Grains.Security.ClusterCertificates.ClusterHostName,
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true, // this probe tests the silo's check, not its own
            }).WaitAsync(TimeSpan.FromSeconds(15));
            var buffer = new byte[1];
            return await ssl.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(15)) == 0;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<string[]> ListeningAddressesAsync(int pid)
    {
        var ss = Process.Start(new ProcessStartInfo("ss", "-Htlnp") { RedirectStandardOutput = true })!;
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains($"pid={pid},", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3])
            .ToArray();
    }

    private async Task<long> ActiveSilosAsync()
    {
        foreach (var silo in _silos.Take(Providers + 1))
            if (silo.HasExited) throw new InvalidOperationException($"a silo exited with {silo.ExitCode}:\n{silo.Output}");
        await using var command = DataSource.CreateCommand(
            "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3");
        command.Parameters.AddWithValue("cluster", _clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> ActiveAtPortAsync(int port) => RowsAtPortAsync(port, "AND status = 3");

    private async Task<long> RowsAtPortAsync(int port, string condition = "")
    {
        await using var command = DataSource.CreateCommand(
            $"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND port = @port {condition}");
        command.Parameters.AddWithValue("cluster", _clusterId);
        command.Parameters.AddWithValue("port", port);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
