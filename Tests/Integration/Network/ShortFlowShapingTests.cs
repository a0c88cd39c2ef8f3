using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Tests.Support;
using Xunit.Abstractions;

namespace Auction.Tests.Integration.Network;

/// <summary>
/// Flows of the sizes experiments use (1 MB and more) through a link shaped to R measure R within ±10 % both ways,
/// as the product measures them: <see cref="TcLinkShaper"/> in a lab namespace, <see cref="Iperf3ServerPool"/>
/// there, <see cref="Iperf3FlowRunner"/> moving the upload and the download at once.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class ShortFlowShapingTests(ITestOutputHelper output)
{
    private const int BasePort = 5201;
    private const double Tolerance = 0.10;

    /// <summary>
    /// A loaded machine can only make a flow slower than its shaping (the iperf3 processes or the kernel's packet
    /// work wait for a core), so an attempt below the band is repeated, a bounded number of times. An attempt above
    /// the band fails at once: only the shaping can let a flow through faster than its rate.
    /// </summary>
    private const int MaxAttempts = 5;

    [RootTheory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(40.0)]
    [InlineData(100.0)]
    public async Task Flows_of_1_MB_and_more_measure_the_shaped_rate_both_ways(double rate)
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        var shaper = new TcLinkShaper();
        await shaper.ApplyAsync(new LinkShape(provider.Interface, new NetworkNamespace(provider.Namespace), rate, rate), CancellationToken.None);
        await using var pool = new Iperf3ServerPool(new Iperf3ServerPoolOptions
        {
            BasePort = BasePort, Count = 2, Namespace = provider.Namespace, BindAddress = provider.Address, RunDirectory = lab.RunDirectory,
        });
        await pool.StartAsync(CancellationToken.None);
        var runner = new Iperf3FlowRunner();
        var endpoint = new LinkEndpoint(provider.Address, BasePort, 2, rate, rate);
        // at 1 MB/s a 4 MB flow already takes 4 s each attempt; faster links also get a flow of 16 MB
        double[] sizes = rate < 10 ? [1, 4] : [1, 4, 16];

        foreach (var flowMb in sizes)
        {
            (double Up, double Down) ratio = default;
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var flow = await runner.RunAsync("provider-0", endpoint, flowMb, CancellationToken.None);
                Assert.True(flow.Succeeded, flow.Error);
                ratio = (flow.UplinkMBps / rate, flow.DownlinkMBps / rate);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{rate} MB/s, {flowMb} MB, attempt {attempt}: up {flow.UplinkMBps:0.000} MB/s ({ratio.Up:0.000}), down {flow.DownlinkMBps:0.000} MB/s ({ratio.Down:0.000})"));
                Assert.True(ratio.Up <= 1 + Tolerance,
                    $"a {flowMb} MB upload through a link shaped to {rate} MB/s measured {ratio.Up:0.000} of the rate: faster than shaped");
                Assert.True(ratio.Down <= 1 + Tolerance,
                    $"a {flowMb} MB download through a link shaped to {rate} MB/s measured {ratio.Down:0.000} of the rate: faster than shaped");
                if (ratio.Up >= 1 - Tolerance && ratio.Down >= 1 - Tolerance)
                {
                    break;
                }
            }
            Assert.InRange(ratio.Up, 1 - Tolerance, 1 + Tolerance);
            Assert.InRange(ratio.Down, 1 - Tolerance, 1 + Tolerance);
        }
    }
}
