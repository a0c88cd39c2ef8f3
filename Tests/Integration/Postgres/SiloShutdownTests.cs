using Auction.Grains.Persistence;
using System.Diagnostics;
using Auction.Tests.Support;
using Xunit.Abstractions;

namespace Auction.Tests.Integration.Postgres;

/// <summary>A real consumer silo process stops on SIGTERM within its bound even when PostgreSQL (its membership table) is gone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloShutdownTests(PostgresServerFixture server, ITestOutputHelper output) : PostgresDatabaseTest(server, "shutdown")
{
    [PostgresFact]
    public async Task SIGTERM_stops_a_silo_whose_PostgreSQL_is_gone()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var clusterId = $"stop-{Guid.NewGuid():N}"[..16];
        var outbox = Path.Combine(Path.GetTempPath(), $"outbox-{clusterId}");
        using var certificates = await TestCertificates.MakeAsync("consumer");
        await using var silo = SiloProcess.Start(new Dictionary<string, string>(certificates.SiloEnvironment("consumer"))
        {
            ["ConnectionStrings__Auction"] = ConnectionString + ";Timeout=5",
            ["Auction__Role"] = "consumer",
            ["Auction__Database__Migrate"] = "false",
            ["Auction__Database__OutboxDirectory"] = outbox,
            ["Auction__Cluster__ClusterId"] = clusterId,
            ["Auction__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Auction__Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Auction__Dashboard__Enabled"] = "false",
            ["DOTNET_gcServer"] = "0",
        });
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                Assert.False(silo.HasExited, $"the silo exited during start-up:\n{silo.Output}");
                return await ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = 3", ("c", clusterId)) >= 1;
            }, TimeSpan.FromSeconds(90), "the silo to become Active");

            await Server.StopServerAsync();
            var clock = Stopwatch.StartNew();
            silo.Signal("TERM");
            // The bound is 20 s from the signal; the slack is for a loaded machine, not for the silo.
            Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the silo still runs 30 s after SIGTERM:\n{silo.Output}");
            output.WriteLine($"measured: SIGTERM to exit with PostgreSQL gone: {clock.Elapsed.TotalSeconds:0.0} s (exit code {silo.ExitCode})");
        }
        finally
        {
            if (await Server.StatusAsync() != 0) await Server.StartServerAsync();
            if (Directory.Exists(outbox)) Directory.Delete(outbox, recursive: true);
        }
    }
}
