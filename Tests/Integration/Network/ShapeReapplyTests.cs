using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Xunit.Abstractions;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Network;

/// <summary>Re-applying a shape on the same interface changes the rate that flows really get (not only what tc reports).</summary>
[Collection(NetworkLabCollection.Name)]
public sealed class ShapeReapplyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BasePort = 5201;
    private NetworkLab? _lab;
    private Iperf3ServerPool? _pool;

    public async Task InitializeAsync()
    {
        _lab = await NetworkLab.UpAsync(1); // own prefix and subnet
        var provider = _lab.Providers[0];
        _pool = await _lab.StartIperf3PoolAsync(provider, BasePort, 2);
    }

    public async Task DisposeAsync()
    {
        if (_pool is not null) await _pool.DisposeAsync();
        if (_lab is not null) await _lab.DisposeAsync();
    }

    [RootFact]
    public async Task Reapplying_a_shape_on_the_same_interface_changes_the_measured_rate()
    {
        var provider = _lab!.Providers[0];
        var ns = new NetworkNamespace(provider.Namespace);
        var shaper = new TcLinkShaper();
        var runner = new Iperf3FlowRunner();
        var measured = new List<FlowResult>();
        foreach (double rate in new[] { 10.0, 20.0 })
        {
            var readback = await shaper.ApplyAsync(new LinkShape(provider.Interface, ns, rate, rate), CancellationToken.None);
            Assert.Equal(TcShapingPlan.Tbf(rate, TcShapingPlan.DefaultMtu, shaper.Hz).RateBytesPerSecond, readback.Downlink!.RateBytesPerSecond);
            // 2 s of flow each way at the shaped rate
            var flow = await runner.RunAsync("provider-0", new LinkEndpoint(provider.Address, BasePort, 2, rate, rate), rate * 2, null, CancellationToken.None);
            Assert.True(flow.Succeeded, flow.Error);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shaped {rate} MB/s both ways: measured up {flow.UplinkMBps:0.000} MB/s, down {flow.DownlinkMBps:0.000} MB/s"));
            Assert.InRange(flow.UplinkMBps, rate * 0.85, rate * 1.15);
            Assert.InRange(flow.DownlinkMBps, rate * 0.85, rate * 1.15);
            measured.Add(flow);
        }
        // the second shape replaced the first on the same interface: one tbf per device, not two
        var qdiscs = await ExternalProcess.RunCheckedAsync("tc", ["-n", provider.Namespace, "qdisc", "show", "dev", provider.Interface], TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Single(qdiscs.StandardOutput.Split('\n'), l => l.StartsWith("qdisc tbf", StringComparison.Ordinal));
        Assert.InRange(measured[1].DownlinkMBps / measured[0].DownlinkMBps, 1.6, 2.4);
    }
}
