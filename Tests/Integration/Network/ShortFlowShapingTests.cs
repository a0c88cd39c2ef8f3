using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Tests.Support;
using Xunit.Abstractions;

namespace Auction.Tests.Integration.Network;

/// <summary>
/// Flows of the sizes experiments use (1 MB and more; 4 MB and more at 100 MB/s) through a link shaped to R measure R
/// within ±10 % both ways,
/// as the product measures them: <see cref="TcLinkShaper"/> in a lab namespace, <see cref="Iperf3ServerPool"/>
/// there, <see cref="Iperf3FlowRunner"/> moving the upload and the download at once.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class ShortFlowShapingTests(ITestOutputHelper output)
{
    private const int BasePort = 5201;
    private const double Tolerance = 0.10;

    /// <summary>
    /// On a loaded machine an attempt can leave the band by the machine's doing, not the link's: an iperf3 process
    /// or the kernel's packet work waits for a core (slower), or the downloading client handles the test's start late,
    /// after data already arrived (faster by that delay; at 40 MB/s a 1 MB flow lasts 25 ms). So an attempt out of the
    /// band is repeated, a bounded number of times; a shaping that lets every short flow through too fast (the tick-sized
    /// burst measured 1.17 at 40 MB/s) or too slow fails every attempt.
    /// </summary>
    private const int MaxAttempts = 8;

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
        await using var pool = await lab.StartIperf3PoolAsync(provider, BasePort, 2);
        var runner = new Iperf3FlowRunner();
        var endpoint = new LinkEndpoint(provider.Address, BasePort, 2, rate, rate);
        // At 1 MB/s a 4 MB flow already takes 4 s an attempt; faster links also get a flow of 16 MB. At 100 MB/s a
        // 1 MB upload lasts 10 ms, and iperf3's server starts its clock before the client can send (a round trip and
        // the client's wake-up, 1-3 ms on a loaded 2-core machine): it measured 0.6-0.9 of the rate (docs/lab.md).
        double[] sizes = rate < 10 ? [1, 4] : rate < 100 ? [1, 4, 16] : [4, 16];

        foreach (var flowMb in sizes)
        {
            (double Up, double Down) ratio = default;
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var flow = await runner.RunAsync("provider-0", endpoint, flowMb, null, CancellationToken.None);
                Assert.True(flow.Succeeded, flow.Error);
                ratio = (flow.UplinkMBps / rate, flow.DownlinkMBps / rate);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{rate} MB/s, {flowMb} MB, attempt {attempt}: up {flow.UplinkMBps:0.000} MB/s ({ratio.Up:0.000}), down {flow.DownlinkMBps:0.000} MB/s ({ratio.Down:0.000})"));
                if (ratio.Up >= 1 - Tolerance && ratio.Down >= 1 - Tolerance)
                {
                    break;
                }
            }
            Assert.True(Math.Abs(ratio.Up - 1) <= Tolerance,
                $"a {flowMb} MB upload through a link shaped to {rate} MB/s measured {ratio.Up:0.000} of the rate in the last of {MaxAttempts} attempts");
            Assert.True(Math.Abs(ratio.Down - 1) <= Tolerance,
                $"a {flowMb} MB download through a link shaped to {rate} MB/s measured {ratio.Down:0.000} of the rate in the last of {MaxAttempts} attempts");
        }
    }
}
