using Auction.Grains.Network;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Network;

/// <summary>The pool as a hosted service: the host's start starts the servers, the host's stop (as on SIGTERM) kills them.</summary>
[Collection(NetworkLabCollection.Name)]
public sealed class Iperf3ServerPoolHostTests
{
    [RootFact]
    public async Task Host_shutdown_stops_every_server()
    {
        await NetworkPrerequisites.EnsureAsync();
        var basePort = 25201 + Environment.ProcessId % 1000;
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddIperf3ServerPool(new Iperf3ServerPoolOptions { BasePort = basePort, Count = 2, BindAddress = "127.0.0.1" });
        using var host = builder.Build();
        var pool = host.Services.GetRequiredService<Iperf3ServerPool>();
        int[] pids;
        try
        {
            using var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StartAsync(startTimeout.Token);
            pids = pool.Servers.Select(s => s.ProcessId!.Value).ToArray();
            Assert.Equal([basePort, basePort + 1], pool.Servers.Select(s => s.Port));
            Assert.All(pids, pid => Assert.True(Iperf3ServerPool.IsListening(pid, pool.Servers.Single(s => s.ProcessId == pid).Port)));
        }
        finally
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(stopTimeout.Token);
        }
        await Eventually.TrueAsync(() => pids.All(pid => !NetworkPrerequisites.IsAlive(pid)), TimeSpan.FromSeconds(5),
            "the host's iperf3 servers to exit after the host stopped");
        Assert.All(pool.Servers, s => Assert.Null(s.ProcessId));
    }

    [RootFact]
    public async Task A_server_that_cannot_listen_fails_the_start_naming_the_port_and_leaves_nothing_running()
    {
        await NetworkPrerequisites.EnsureAsync();
        var pool = new Iperf3ServerPool(new Iperf3ServerPoolOptions
        {
            BasePort = 26201 + Environment.ProcessId % 1000, Count = 1, BindAddress = "10.255.255.254", // not an address of this host
            StartTimeout = TimeSpan.FromSeconds(2),
        });

        var e = await Assert.ThrowsAsync<TimeoutException>(() => pool.StartAsync(CancellationToken.None));

        // Named as this process's namespace, never as the root one unless it is.
        var here = await NetworkNamespace.DescribeCurrentAsync(null, CancellationToken.None);
        Assert.Contains($"the iperf3 server on port {26201 + Environment.ProcessId % 1000} in {here} was not listening within 2 s", e.Message);
        Assert.Contains("last error", e.Message);
        Assert.All(pool.Servers, s => Assert.Null(s.ProcessId));
    }

    [Fact]
    public async Task Leftover_servers_of_a_crashed_predecessor_are_killed_and_the_pool_starts()
    {
        await NetworkPrerequisites.EnsureAsync();
        var basePort = 27201 + Environment.ProcessId % 1000;
        var runDirectory = Path.Combine(Path.GetTempPath(), $"iperf3-leftovers-{Guid.NewGuid():N}");
        Directory.CreateDirectory(runDirectory);
        // What a SIGKILLed provider silo without parent-death signals left: its server, still holding the port.
        using var orphan = System.Diagnostics.Process.Start("iperf3", $"-s -p {basePort} -B 127.0.0.1")!;
        var pool = new Iperf3ServerPool(new Iperf3ServerPoolOptions
        {
            BasePort = basePort, Count = 1, BindAddress = "127.0.0.1", RunDirectory = runDirectory, Owner = "provider-7",
        });
        try
        {
            await Eventually.TrueAsync(() => Iperf3ServerPool.IsListening(orphan.Id, basePort), TimeSpan.FromSeconds(10),
                "the orphan iperf3 server to listen");
            File.WriteAllText(Path.Combine(runDirectory, $"iperf3-provider-7-{basePort}.pid"), $"{orphan.Id}\n");

            using var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await pool.StartAsync(startTimeout.Token);

            Assert.True(orphan.HasExited, "the predecessor's iperf3 server still runs");
            var server = Assert.Single(pool.Servers);
            Assert.NotEqual(orphan.Id, server.ProcessId);
            Assert.True(Iperf3ServerPool.IsListening(server.ProcessId!.Value, basePort));
            Assert.Equal($"{server.ProcessId}", File.ReadAllText(Path.Combine(runDirectory, $"iperf3-provider-7-{basePort}.pid")).Trim());
        }
        finally
        {
            await pool.StopAsync(CancellationToken.None);
            if (!orphan.HasExited) orphan.Kill();
            Directory.Delete(runDirectory, recursive: true);
        }
    }
}
