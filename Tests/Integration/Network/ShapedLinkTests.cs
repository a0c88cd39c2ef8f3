using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Xunit.Abstractions;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Network;

/// <summary>(a) real shaped links measured by the iperf3 flow runner; (b) the shaper is idempotent, verified and removable.</summary>
[Collection(NetworkLabCollection.Name)]
public sealed class ShapedLinkTests(ITestOutputHelper output)
{
    private const int BasePort = 5201;

    [RootTheory]
    [InlineData(2.0, 1.0, 4.0)]
    [InlineData(5.0, 5.0, 10.0)]
    [InlineData(20.0, 10.0, 30.0)]
    [InlineData(50.0, 50.0, 100.0)]
    public async Task Flow_through_a_shaped_provider_measures_the_shaped_rates(double uplink, double downlink, double flowMb)
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        var ns = new NetworkNamespace(provider.Namespace);
        var shaper = new TcLinkShaper();
        await shaper.ApplyAsync(new LinkShape(provider.Interface, ns, uplink, downlink), CancellationToken.None);
        await using var pool = await lab.StartIperf3PoolAsync(provider, BasePort, 2);

        var result = await new Iperf3FlowRunner().RunAsync(
            "provider-0", new LinkEndpoint(provider.Address, BasePort, 2, uplink, downlink), flowMb, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Simulated);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shaped up {uplink} MB/s down {downlink} MB/s, {flowMb} MB each way: measured up {result.UplinkMBps:0.000} MB/s ({result.UplinkMBps / uplink - 1:+0.0%;-0.0%}), down {result.DownlinkMBps:0.000} MB/s ({result.DownlinkMBps / downlink - 1:+0.0%;-0.0%}), {(result.EndedAt - result.StartedAt).TotalSeconds:0.00} s, HZ {shaper.Hz}"));
        Assert.InRange(result.UplinkMBps, uplink * 0.85, uplink * 1.15);
        Assert.InRange(result.DownlinkMBps, downlink * 0.85, downlink * 1.15);
    }

    [RootFact]
    public async Task Unshaped_link_measures_much_more_than_a_shaped_one()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        await using var pool = await lab.StartIperf3PoolAsync(provider, BasePort, 2);

        var result = await new Iperf3FlowRunner().RunAsync(
            "provider-0", new LinkEndpoint(provider.Address, BasePort, 2, 0, 0), 40, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unshaped, 40 MB each way: measured up {result.UplinkMBps:0.0} MB/s, down {result.DownlinkMBps:0.0} MB/s"));
        // ≥ 15× the 2 MB/s / 1 MB/s shaped case (and above its fastest case): shaping, not the machine, set those rates
        Assert.True(result.UplinkMBps > 30, $"unshaped upload only {result.UplinkMBps} MB/s");
        Assert.True(result.DownlinkMBps > 30, $"unshaped download only {result.DownlinkMBps} MB/s");
    }

    [RootFact]
    public async Task Shaper_is_idempotent_verified_and_removable()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var provider = lab.Providers[0];
        var ns = new NetworkNamespace(provider.Namespace);
        var shaper = new TcLinkShaper(hz: 250);
        var shape = new LinkShape(provider.Interface, ns, UplinkMBps: 3, DownlinkMBps: 1.5);
        var plan = TcShapingPlan.Plan(shape, 250);

        var first = await shaper.ApplyAsync(shape, CancellationToken.None);
        var stateAfterFirst = await StateAsync(provider);
        var second = await shaper.ApplyAsync(shape, CancellationToken.None);
        var stateAfterSecond = await StateAsync(provider);

        Assert.Equal(stateAfterFirst, stateAfterSecond);
        Assert.Equal(plan.Downlink.RateBytesPerSecond, first.Downlink!.RateBytesPerSecond);
        Assert.Equal(plan.Uplink.RateBytesPerSecond, first.Uplink!.RateBytesPerSecond);
        // tc stores the burst as a time at the rate, so it reads back within a byte or two
        Assert.InRange(second.Downlink!.BurstBytes, plan.Downlink.BurstBytes - 4, plan.Downlink.BurstBytes + 4);
        Assert.InRange(second.Uplink!.BurstBytes, plan.Uplink.BurstBytes - 4, plan.Uplink.BurstBytes + 4);
        Assert.True(second.IngressRedirected);
        Assert.Contains("qdisc tbf 1: root", stateAfterSecond);
        Assert.Contains("qdisc ingress ffff:", stateAfterSecond);
        Assert.Contains("qdisc htb 10: parent 1:1", stateAfterSecond);
        Assert.Equal(4, stateAfterSecond.Split('\n').Count(l => l.Contains("flowid 10:10", StringComparison.Ordinal))); // 2 per device, not 4
        Assert.Single(stateAfterSecond.Split('\n'), l => l.Contains("mirred", StringComparison.Ordinal)); // one filter, not two
        output.WriteLine(stateAfterSecond);

        await shaper.RemoveAsync(provider.Interface, ns, CancellationToken.None);
        var removed = await StateAsync(provider);
        Assert.DoesNotContain("tbf", removed);
        Assert.DoesNotContain("htb", removed);
        Assert.DoesNotContain("ingress", removed);
        Assert.DoesNotContain("mirred", removed);
        var ifb = await ExternalProcess.RunAsync("ip", ["-n", provider.Namespace, "link", "show", "ifb-eth0"], TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.NotEqual(0, ifb.ExitCode);
        // removing again is a no-op
        await shaper.RemoveAsync(provider.Interface, ns, CancellationToken.None);
        Assert.Equal(removed, await StateAsync(provider));
    }

    [RootFact]
    public async Task Probe_passes_in_a_lab_namespace_and_names_a_missing_namespace()
    {
        await using var lab = await NetworkLab.UpAsync(1);
        var shaper = new TcLinkShaper();

        await shaper.ProbeAsync(new NetworkNamespace(lab.Providers[0].Namespace), CancellationToken.None);
        var links = await ExternalProcess.RunCheckedAsync("ip", ["-n", lab.Providers[0].Namespace, "-o", "link"], TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.DoesNotContain("prb", links.StandardOutput); // the probe devices are gone

        var missing = lab.Prefix + "-p99";
        var e = await Assert.ThrowsAsync<LinkShapingException>(() => shaper.ProbeAsync(new NetworkNamespace(missing), CancellationToken.None));
        Assert.StartsWith($"tc: the network namespace '{missing}' does not exist", e.Message);
    }

    private static async Task<string> StateAsync(LabProvider provider)
    {
        var timeout = TimeSpan.FromSeconds(5);
        var parts = new List<string>();
        foreach (var args in new[]
                 {
                     new[] { "qdisc", "show", "dev", provider.Interface },
                     new[] { "filter", "show", "dev", provider.Interface, "parent", "ffff:" },
                     new[] { "qdisc", "show", "dev", "ifb-eth0" },
                     new[] { "class", "show", "dev", provider.Interface },
                     new[] { "filter", "show", "dev", provider.Interface, "parent", "10:" },
                     new[] { "filter", "show", "dev", "ifb-eth0", "parent", "10:" },
                 })
        {
            var r = await ExternalProcess.RunAsync("tc", ["-n", provider.Namespace, .. args], timeout, CancellationToken.None);
            parts.Add(r.ExitCode == 0 ? r.StandardOutput : $"(tc {string.Join(' ', args)}: {r.FirstErrorLine})");
        }
        return string.Join("\n", parts);
    }
}
