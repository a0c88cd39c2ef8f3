using CliWrap;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Grains.Resilience;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Network;

/// <summary>(c) a busy port passes the flow on to the next; (d) no server is a failure with iperf3's text; (e) the pool restarts a killed server.</summary>
[Collection(NetworkLabCollection.Name)]
public sealed class FlowRunnerFailureTests
{
    private const int BasePort = 5201;

    [RootFact]
    public async Task A_busy_first_port_is_passed_over_for_the_next()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        await using var pool = await lab.StartIperf3PoolAsync(provider, BasePort, 3);
        using var stopHog = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // a long, slow client holds the first port (8 Mbit/s for 30 s)
        var hog = Cli.Wrap("iperf3").WithArguments(["-c", provider.Address, "-p", BasePort.ToString(), "-t", "30", "-b", "8M"])
            .WithValidation(CommandResultValidation.None).ExecuteAsync(stopHog.Token);
        try
        {
            // The hog connects when it gets the CPU (a loaded machine may take seconds): until then the first port
            // still serves a short flow, so ask again until it is turned away (bounded).
            Iperf3DirectionOutcome? busy = null;
            await WaitUntil.TrueAsync(async ct =>
            {
                busy = await new Iperf3FlowRunner().RunDirectionAsync(
                    new LinkEndpoint(provider.Address, BasePort, 1, 0, 0), 1, reverse: false, firstPortIndex: 0, ct);
                return busy.Port is null;
            }, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20));
            Assert.True(busy is { Port: null }, "the hogging client never took the first port within 20 s");
            Assert.Contains("stayed busy", busy!.Error);
            Assert.All(busy.BusyPorts, p => Assert.Equal(BasePort, p));

            var (up, down) = await new Iperf3FlowRunner().RunBothAsync(
                new LinkEndpoint(provider.Address, BasePort, 3, 0, 0), 5, CancellationToken.None);

            Assert.True(up.Succeeded, up.Error);
            Assert.True(down.Succeeded, down.Error);
            Assert.Contains(BasePort, up.BusyPorts); // the upload started on the hogged port and was turned away
            Assert.NotEqual(BasePort, up.Port);
            Assert.NotEqual(BasePort, down.Port);
            Assert.True(up.Report!.ReceivedMBps > 0);
        }
        finally
        {
            await stopHog.CancelAsync();
            try
            {
                await hog;
            }
            catch (OperationCanceledException)
            {
                // killed as intended
            }
        }
    }

    [RootFact]
    public async Task A_single_port_serves_both_directions_in_turn()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        await using var pool = await lab.StartIperf3PoolAsync(provider, BasePort, 1);

        var (up, down) = await new Iperf3FlowRunner().RunBothAsync(new LinkEndpoint(provider.Address, BasePort, 1, 0, 0), 5, CancellationToken.None);

        Assert.True(up.Succeeded, up.Error);
        Assert.True(down.Succeeded, down.Error);
        Assert.Equal(BasePort, up.Port);
        Assert.Equal(BasePort, down.Port);
        Assert.Empty(up.BusyPorts);
        Assert.Empty(down.BusyPorts);
        Assert.True(down.Report!.Reverse);
        Assert.False(up.Report!.Reverse);
    }

    [RootFact]
    public async Task A_port_without_a_server_fails_with_iperf3s_error_not_zero()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];

        var result = await new Iperf3FlowRunner().RunAsync(
            "provider-0", new LinkEndpoint(provider.Address, 5399, 1, 1, 1), 1, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Simulated);
        Assert.True(double.IsNaN(result.UplinkMBps));
        Assert.True(double.IsNaN(result.DownlinkMBps));
        Assert.Contains($"upload via {provider.Address}: iperf3 to {provider.Address}:5399: unable to connect to server: Connection refused", result.Error);
        Assert.Contains("download via", result.Error);
    }

    [RootFact]
    public async Task A_server_that_never_answers_is_cut_off_by_the_run_timeout()
    {
        await NetworkPrerequisites.EnsureAsync();
        // a TCP listener on loopback that accepts and then says nothing: iperf3 connects and waits for ever
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<System.Net.Sockets.TcpClient>();
        using var stopAccepting = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            while (!stopAccepting.IsCancellationRequested)
            {
                accepted.Add(await listener.AcceptTcpClientAsync(stopAccepting.Token));
            }
        });
        try
        {
            var runner = new Iperf3FlowRunner(new Iperf3FlowOptions { MinimumRateMBps = 1, Slack = TimeSpan.FromSeconds(1) });
            var result = await runner.RunAsync("provider-x", new LinkEndpoint("127.0.0.1", port, 1, 1, 1), 1, null, CancellationToken.None);

            Assert.False(result.Succeeded);
            Assert.Contains($"iperf3 to 127.0.0.1:{port}: 'iperf3 -c 127.0.0.1 -p {port}", result.Error);
            Assert.Contains("did not finish within 2 s and was killed", result.Error);
        }
        finally
        {
            await stopAccepting.CancelAsync();
            listener.Stop();
            try
            {
                await acceptLoop;
            }
            catch (OperationCanceledException)
            {
                // stopped as intended
            }
            accepted.ForEach(c => c.Dispose());
        }
    }

    [RootFact]
    public async Task A_killed_server_is_restarted_and_serves_again()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        var pool = lab.Iperf3Pool(provider, BasePort, 1);
        int secondPid;
        try
        {
            await pool.StartAsync(CancellationToken.None);
            var firstPid = pool.Servers[0].ProcessId!.Value;
            Assert.Equal(firstPid.ToString() + "\n", await File.ReadAllTextAsync(Path.Combine(lab.RunDirectory, $"iperf3-{BasePort}.pid")));

            System.Diagnostics.Process.GetProcessById(firstPid).Kill();
            await Eventually.TrueAsync(
                () => pool.Servers[0].ProcessId is { } p && p != firstPid, TimeSpan.FromSeconds(10), "the pool to restart the killed iperf3 server");
            await pool.WaitListeningAsync(BasePort, TimeSpan.FromSeconds(10), CancellationToken.None);
            secondPid = pool.Servers[0].ProcessId!.Value;

            Assert.Equal(1, pool.Servers[0].Restarts);
            Assert.False(NetworkPrerequisites.IsAlive(firstPid));
            var flow = await new Iperf3FlowRunner().RunDirectionAsync(
                new LinkEndpoint(provider.Address, BasePort, 1, 0, 0), 1, reverse: false, firstPortIndex: 0, CancellationToken.None);
            Assert.True(flow.Succeeded, flow.Error);
        }
        finally
        {
            await pool.DisposeAsync();
        }
        await Eventually.TrueAsync(() => !NetworkPrerequisites.IsAlive(secondPid), TimeSpan.FromSeconds(5), "the stopped pool's server to exit");
        Assert.False(File.Exists(Path.Combine(lab.RunDirectory, $"iperf3-{BasePort}.pid")));
    }
}
