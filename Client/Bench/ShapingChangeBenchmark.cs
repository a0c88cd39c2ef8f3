using System.Diagnostics;
using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;

namespace Auction.Client.Bench;

/// <summary>
/// <c>bench shaping --changes N</c>: how exactly and how fast a lab link takes a new rate in place (what a world's
/// schedule does to a provider's link while an experiment runs). One provider namespace from lab.sh with iperf3
/// servers in it (<see cref="ShapingBenchmark.InLabAsync"/>), then three parts:
/// (a) a download runs while the rate alternates N times between two rates (<see cref="TcLinkShaper.ApplyAsync"/>
///     in place): the time from the command to its readback, and until the download runs within the tolerance of
///     the new rate (the egress tbf's byte counter sampled every few ms, over a sliding window);
/// (b) N changes again, each followed by a flow both ways: each direction's measured rate against the new rate;
/// (c) an outage (<see cref="LinkOutageSwitch"/>) under a running flow: the flow fails with its reason, and a flow
///     after the link is up again goes through.
/// </summary>
public static class ShapingChangeBenchmark
{
    private const int BasePort = ShapingBenchmark.BasePort;
    public const double Tolerance = 0.10;
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(2);
    /// <summary>Longest wait for the download to reach a new rate; the change then counts as not settled.</summary>
    public static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(5);
    /// <summary>After a change settled, the download runs this long at its rate before the next change.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(150);

    public static Task<ShapingChangeReport> RunAsync(
        string labScript, string prefix, string subnet, double rateA, double rateB, int changes, double flowMb,
        Action<string>? progress, CancellationToken cancellationToken) =>
        ShapingBenchmark.InLabAsync(labScript, prefix, subnet, progress, async (provider, ct) =>
        {
            var link = new Link(provider, new NetworkNamespace(provider.Namespace), new TcLinkShaper());
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"(a) {changes} changes {rateA} ↔ {rateB} MB/s under a running download"));
            var timings = await TimeChangesAsync(link, rateA, rateB, changes, ct).ConfigureAwait(false);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"(b) {changes} changes, each followed by {flowMb} MB up and down"));
            var flows = await FlowsAfterChangesAsync(link, rateA, rateB, changes, flowMb, ct).ConfigureAwait(false);
            progress?.Invoke("(c) an outage under a running flow");
            var outage = await OutageAsync(link, rateA, flowMb, ct).ConfigureAwait(false);
            return new ShapingChangeReport(rateA, rateB, Window.TotalMilliseconds, Tolerance, link.MedianSampleIntervalMs, timings, flows, outage);
        }, cancellationToken);

    private static async Task<IReadOnlyList<LinkChangeTiming>> TimeChangesAsync(Link link, double rateA, double rateB, int changes, CancellationToken cancellationToken)
    {
        await link.ShapeAsync(rateA, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        using var stopFlow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // one long download from the provider's server: the egress tbf carries it, and its counter is what is sampled
        var download = ExternalProcess.RunAsync("iperf3", ["-c", link.Provider.Address, "-p", BasePort.ToString(CultureInfo.InvariantCulture), "-R", "-t", "3600", "-J"],
            TimeSpan.FromHours(1.1), stopFlow.Token);
        var timings = new List<LinkChangeTiming>();
        var sampler = new TcByteSampler(link.Namespace, link.Provider.Interface, clock, SampleInterval);
        try
        {
            await WaitForRateAsync(sampler, link, rateA, clock.Elapsed.TotalSeconds, download, cancellationToken).ConfigureAwait(false);
            var from = rateA;
            for (var i = 0; i < changes; i++)
            {
                var to = i % 2 == 0 ? rateB : rateA;
                var issued = clock.Elapsed.TotalSeconds;
                await link.ShapeAsync(to, cancellationToken).ConfigureAwait(false);
                var applyMs = (clock.Elapsed.TotalSeconds - issued) * 1000;
                var settle = await WaitForRateAsync(sampler, link, to, issued, download, cancellationToken).ConfigureAwait(false);
                timings.Add(new LinkChangeTiming(from, to, applyMs, settle * 1000));
                from = to;
                await Task.Delay(Hold, cancellationToken).ConfigureAwait(false);
            }
            link.MedianSampleIntervalMs = MedianIntervalMs(sampler.Samples());
            return timings;
        }
        finally
        {
            await sampler.DisposeAsync().ConfigureAwait(false);
            await stopFlow.CancelAsync().ConfigureAwait(false);
            try
            {
                await download.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopped on purpose: the download only had to run during the changes
            }
        }
    }

    /// <summary>Seconds from <paramref name="from"/> until the download runs within the tolerance of <paramref name="rate"/>; null after <see cref="SettleWait"/>.</summary>
    private static async Task<double?> WaitForRateAsync(TcByteSampler sampler, Link link, double rate, double from, Task<ProcessOutput> download, CancellationToken cancellationToken)
    {
        var target = link.WireBytesPerSecond(rate);
        var deadline = from + SettleWait.TotalSeconds;
        while (true)
        {
            var samples = sampler.Samples();
            if (SettleDetector.SecondsUntilWithin(samples, from, target, Window.TotalSeconds, Tolerance) is { } seconds) return seconds;
            if (download.IsCompleted)
                throw new ExternalProcessException($"the download under the changes ended early: {(await download.ConfigureAwait(false)).FirstErrorLine}");
            if (samples.Count > 0 && samples[^1].Seconds > deadline) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<LinkChangeFlow>> FlowsAfterChangesAsync(Link link, double rateA, double rateB, int changes, double flowMb, CancellationToken cancellationToken)
    {
        var runner = new Iperf3FlowRunner();
        var flows = new List<LinkChangeFlow>();
        for (var i = 0; i < changes; i++)
        {
            var rate = i % 2 == 0 ? rateB : rateA;
            await link.ShapeAsync(rate, cancellationToken).ConfigureAwait(false);
            var flow = await runner.RunAsync("provider-0", link.Endpoint(rate), flowMb, null, cancellationToken).ConfigureAwait(false);
            flows.Add(flow.Succeeded
                ? new LinkChangeFlow(rate, flowMb, flow.UplinkMBps, flow.DownlinkMBps, null)
                : new LinkChangeFlow(rate, flowMb, null, null, flow.Error));
        }
        return flows;
    }

    private static async Task<LinkOutageCheck> OutageAsync(Link link, double rate, double flowMb, CancellationToken cancellationToken)
    {
        var outage = new LinkOutageSwitch();
        var runner = new Iperf3FlowRunner();
        await link.ShapeAsync(rate, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        // long enough to be running when the link goes down: ten seconds at the rate
        var flow = runner.RunAsync("provider-0", link.Endpoint(rate), rate * 10, null, cancellationToken);
        await using (var sampler = new TcByteSampler(link.Namespace, link.Provider.Interface, clock, SampleInterval))
        {
            // down once a second's worth has gone out: the flow is under way, not connecting
            while (!flow.IsCompleted && (sampler.Samples() is not [.., var last] || last.Bytes < link.WireBytesPerSecond(rate)))
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }
        await outage.SetAsync(link.Namespace, BasePort, 2, down: true, cancellationToken).ConfigureAwait(false);
        var downAt = clock.Elapsed;
        FlowResult during;
        TimeSpan failedAfter;
        try
        {
            during = await flow.ConfigureAwait(false);
            failedAfter = clock.Elapsed - downAt;
        }
        finally
        {
            await outage.SetAsync(link.Namespace, BasePort, 2, down: false, CancellationToken.None).ConfigureAwait(false);
        }
        var after = await runner.RunAsync("provider-0", link.Endpoint(rate), flowMb, null, cancellationToken).ConfigureAwait(false);
        return new LinkOutageCheck(rate, !during.Succeeded, during.Error, failedAfter.TotalSeconds,
            after.Succeeded ? after.UplinkMBps : null, after.Succeeded ? after.DownlinkMBps : null, after.Error);
    }

    private static double MedianIntervalMs(IReadOnlyList<CounterSample> samples) =>
        samples.Count < 2 ? double.NaN : Percentiles.Summarize(samples.Zip(samples.Skip(1), (a, b) => (b.Seconds - a.Seconds) * 1000)).P50;

    /// <summary>The benchmark's one lab link: its interface, namespace and shaper.</summary>
    private sealed class Link(LabProviderLine provider, NetworkNamespace ns, TcLinkShaper shaper)
    {
        public LabProviderLine Provider { get; } = provider;
        public NetworkNamespace Namespace { get; } = ns;
        public double MedianSampleIntervalMs { get; set; } = double.NaN;

        public Task ShapeAsync(double rate, CancellationToken cancellationToken) =>
            shaper.ApplyAsync(new LinkShape(Provider.Interface, Namespace, rate, rate), cancellationToken);

        /// <summary>What the egress tbf's counter counts per second at <paramref name="rate"/> MB/s of goodput: frames with their headers.</summary>
        public double WireBytesPerSecond(double rate) => TcShapingPlan.Plan(new LinkShape(Provider.Interface, Namespace, rate, rate), shaper.Hz).Downlink.RateBytesPerSecond;

        public LinkEndpoint Endpoint(double rate) => new(Provider.Address, BasePort, 2, rate, rate);
    }
}
