using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Tests.Support;
using Xunit.Abstractions;

namespace Auction.Tests.Integration.Network;

/// <summary>A link changed while it is in use: a new rate in place, an outage and its end, delay where the kernel has netem.</summary>
[Collection(NetworkLabCollection.Name)]
public sealed class LinkChangeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BasePort = 5201;
    private NetworkLab? _lab;
    private Iperf3ServerPool? _pool;

    private LabProvider Provider => _lab!.Providers[0];
    private NetworkNamespace Namespace => new(Provider.Namespace);

    public async Task InitializeAsync()
    {
        if (!Root.IsRoot) return;
        _lab = await NetworkLab.UpAsync(1);
        _pool = await _lab.StartIperf3PoolAsync(Provider, BasePort, 2);
    }

    public async Task DisposeAsync()
    {
        if (_pool is not null) await _pool.DisposeAsync();
        if (_lab is not null) await _lab.DisposeAsync();
    }

    [RootFact]
    public async Task A_rate_changed_during_a_flow_speeds_it_up_without_cutting_it()
    {
        var shaper = new TcLinkShaper();
        await shaper.ApplyAsync(new LinkShape(Provider.Interface, Namespace, 2, 2), CancellationToken.None);
        var flow = new Iperf3FlowRunner().RunAsync("provider-0", new LinkEndpoint(Provider.Address, BasePort, 2, 2, 2), 12, null, CancellationToken.None);

        // once 2 MB of the download went out at the old rate, the link becomes 10 times faster in place
        await Eventually.TrueAsync(async () => await SentBytesAsync() > 2_000_000 || flow.IsCompleted, TimeSpan.FromSeconds(30), "2 MB sent through the 2 MB/s link");
        Assert.False(flow.IsCompleted, "the flow ended before the change: it must be long enough to meet it");
        await shaper.ApplyAsync(new LinkShape(Provider.Interface, Namespace, 20, 20), CancellationToken.None);
        var result = await flow;

        Assert.True(result.Succeeded, result.Error);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"12 MB each way, 2 → 20 MB/s after 2 MB: up {result.UplinkMBps:0.00} MB/s, down {result.DownlinkMBps:0.00} MB/s"));
        // the same flow went on and took the new rate: its mean is well above the old rate and below the new one
        Assert.InRange(result.DownlinkMBps, 2 * 1.5, 20);
    }

    [RootFact]
    public async Task An_outage_fails_a_flow_with_its_reason_and_the_link_comes_back_unchanged()
    {
        var shaper = new TcLinkShaper();
        var outage = new LinkOutageSwitch();
        var endpoint = new LinkEndpoint(Provider.Address, BasePort, 2, 10, 10);
        await shaper.ApplyAsync(new LinkShape(Provider.Interface, Namespace, 10, 10), CancellationToken.None);
        var shapedBefore = await shaper.ReadBackAsync(Provider.Interface, Namespace, CancellationToken.None);
        // the start-up probe finds iptables working here, and changes nothing
        Assert.Null(await outage.MissingAsync(Namespace, BasePort, 2, CancellationToken.None));
        Assert.False(await outage.IsDownAsync(Namespace, BasePort, 2, CancellationToken.None));

        await outage.SetAsync(Namespace, BasePort, 2, down: true, CancellationToken.None);
        await outage.SetAsync(Namespace, BasePort, 2, down: true, CancellationToken.None); // idempotent
        Assert.True(await outage.IsDownAsync(Namespace, BasePort, 2, CancellationToken.None));
        var during = await new Iperf3FlowRunner().RunAsync("provider-0", endpoint, 5, null, CancellationToken.None);
        output.WriteLine($"during the outage: {during.Error}");
        Assert.False(during.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(during.Error));

        await outage.SetAsync(Namespace, BasePort, 2, down: false, CancellationToken.None);
        Assert.False(await outage.IsDownAsync(Namespace, BasePort, 2, CancellationToken.None));
        var after = await new Iperf3FlowRunner().RunAsync("provider-0", endpoint, 10, null, CancellationToken.None);
        Assert.True(after.Succeeded, after.Error);
        Assert.InRange(after.DownlinkMBps, 10 * 0.85, 10 * 1.15);
        Assert.Equal(shapedBefore.Downlink, (await shaper.ReadBackAsync(Provider.Interface, Namespace, CancellationToken.None)).Downlink);
    }

    [RootFact]
    public async Task An_outage_cuts_a_running_download_at_once_instead_of_at_its_idle_timeout()
    {
        var shaper = new TcLinkShaper();
        await shaper.ApplyAsync(new LinkShape(Provider.Interface, Namespace, 2, 2), CancellationToken.None);
        var flow = new Iperf3FlowRunner().RunAsync("provider-0", new LinkEndpoint(Provider.Address, BasePort, 2, 2, 2), 60, null, CancellationToken.None);
        await Eventually.TrueAsync(async () => await SentBytesAsync() > 1_000_000 || flow.IsCompleted, TimeSpan.FromSeconds(30), "1 MB of the download sent");
        Assert.False(flow.IsCompleted, "the flow ended before the outage");

        await new LinkOutageSwitch().SetAsync(Namespace, BasePort, 2, down: true, CancellationToken.None);
        // 60 MB at 2 MB/s would take 30 s; iperf3's idle timeout is 2 minutes: either would exceed this bound
        var result = await flow.WaitAsync(TimeSpan.FromSeconds(20));

        output.WriteLine($"cut by the outage: {result.Error}");
        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [NetemFact]
    public async Task A_delayed_link_carries_netem_under_its_tbf_and_still_moves_flows()
    {
        var shaper = new TcLinkShaper();
        var shape = new LinkShape(Provider.Interface, Namespace, 10, 10) { Impairment = new LinkImpairment(DelayMs: 20) };
        var readback = await shaper.ApplyAsync(shape, CancellationToken.None);

        Assert.Contains("netem", readback.QdiscText);
        Assert.Contains("delay 20ms", readback.QdiscText);
        var result = await new Iperf3FlowRunner().RunAsync("provider-0", new LinkEndpoint(Provider.Address, BasePort, 2, 10, 10), 10, null, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        // and removed in place: the leaves go back to byte FIFOs
        var plain = await shaper.ApplyAsync(shape with { Impairment = null }, CancellationToken.None);
        Assert.DoesNotContain("netem", plain.QdiscText);
    }

    [NoNetemFact]
    public async Task Without_netem_a_delayed_link_is_refused_in_one_sentence_and_the_link_is_left_as_it_was()
    {
        var shaper = new TcLinkShaper();
        await shaper.ApplyAsync(new LinkShape(Provider.Interface, Namespace, 10, 10), CancellationToken.None);
        var before = await shaper.ReadBackAsync(Provider.Interface, Namespace, CancellationToken.None);

        var e = await Assert.ThrowsAsync<LinkShapingException>(() => shaper.ApplyAsync(
            new LinkShape(Provider.Interface, Namespace, 5, 5) { Impairment = new LinkImpairment(LossPercent: 1) }, CancellationToken.None));

        Assert.StartsWith("tc: the netem qdisc (delay, jitter, loss) is not available in this kernel", e.Message);
        Assert.Equal(before.Downlink, (await shaper.ReadBackAsync(Provider.Interface, Namespace, CancellationToken.None)).Downlink);
        Assert.Equal(await shaper.NetemMissingAsync(Namespace, CancellationToken.None), e.Message);
    }

    /// <summary>Bytes the provider's egress tbf has sent so far (the download's direction).</summary>
    private async Task<long> SentBytesAsync()
    {
        var stats = await ExternalProcess.RunCheckedAsync("tc", ["-n", Provider.Namespace, "-s", "-j", "qdisc", "show", "dev", Provider.Interface],
            TimeSpan.FromSeconds(5), CancellationToken.None);
        using var json = System.Text.Json.JsonDocument.Parse(stats.StandardOutput);
        return json.RootElement.EnumerateArray()
            .Where(q => q.GetProperty("kind").GetString() == "tbf")
            .Select(q => q.GetProperty("bytes").GetInt64())
            .FirstOrDefault();
    }
}
