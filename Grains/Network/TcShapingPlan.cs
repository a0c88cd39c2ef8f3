using System.Globalization;

namespace Auction.Grains.Network;

/// <summary>The parameters of one token-bucket filter: rate in bytes/s (written to tc as bit/s), burst and queue limit in bytes.</summary>
public sealed record TbfParameters(long RateBytesPerSecond, long BurstBytes, long LimitBytes)
{
    public double RateMBps => RateBytesPerSecond / 1e6;
}

/// <summary>
/// Which provider rate shapes which direction of the provider-side interface. docs/algorithm.md compares a provider's
/// uplink U_j with the consumer's requested upload U_c and overwrites it with U_meas, the speed of the consumer's
/// upload (iperf3 client → provider's server); so a provider's <b>uplink</b> is the traffic it <b>receives</b> from the
/// consumer (ingress of the provider-side interface → ifb + tbf), and its <b>downlink</b> is the traffic it
/// <b>sends</b> to the consumer (consumer download, iperf3 -R: egress tbf of the provider-side interface).
/// This is the view of an access network seen from its user: the user's upload travels the network's uplink.
/// </summary>
public sealed record LinkShape(string Interface, NetworkNamespace Namespace, double UplinkMBps, double DownlinkMBps, int Mtu = TcShapingPlan.DefaultMtu)
{
    /// <summary>Delay, jitter and loss on top of the rates (netem leaves instead of bfifo); null adds none.</summary>
    public LinkImpairment? Impairment { get; init; }

    /// <summary>True when the shape needs the kernel's netem qdisc.</summary>
    public bool NeedsNetem => Impairment is { IsNone: false };
}

/// <summary>
/// Pure computation of the tbf parameters and tc argument lists for a <see cref="LinkShape"/>. No I/O.
/// <para>Rate: the requested MB/s is a TCP goodput (what iperf3 reports), so the wire rate tbf enforces is raised by
/// the per-packet header overhead of TCP/IPv4 with timestamps over Ethernet: rate = goodput × (MTU + 14) / (MTU − 52)
/// (1514/1448 ≈ 1.046 at MTU 1500). tbf counts whole frames including the Ethernet header on egress and on the ifb.</para>
/// <para>Burst rule: burst = max(2 · (MTU + 14), min(⌈rate / HZ⌉, G + 2 · (MTU + 14))) bytes, G the largest GSO packet
/// of the device. At least two full frames so a packet always fits; one timer tick's worth of tokens so a late
/// dequeue loses no tokens; but never more than one GSO packet and two frames. The bucket starts full, so its burst
/// leaves at line speed at the start of every flow: with a burst of one tick (167 kB at 40 MB/s and HZ 250) a 1 MB
/// download measured 17-23 % fast; with G = 64 KiB the burst is at most 6.9 % of a 1 MB flow. The cap is not smaller because a GSO packet larger than
/// the bucket is split by tbf into frames, and that lost half the rate of 64 MB flows at 100 MB/s (docs/lab.md).
/// On the provider-side interface (the downlink) the shaper also limits GSO packets to 16 KiB, so there the cap is
/// 19.4 kB (1.9 % of a 1 MB flow); the ifb (the uplink) receives the consumer's packets as they come, up to 64 KiB.
/// HZ is read from the kernel config (CONFIG_HZ) and assumed to be 100 when unknown. At 2 MB/s and HZ 250 the burst
/// is 8.4 kB; at 40 MB/s it is the cap.</para>
/// <para>Limit (queue) = burst + rate × 100 ms, at least burst + 2 frames: enough queue for TCP to keep the bucket
/// busy without drops dominating, small enough that latency stays bounded.</para>
/// </summary>
public static class TcShapingPlan
{
    public const int DefaultMtu = 1500;
    public const int EthernetHeaderBytes = 14;
    /// <summary>IPv4 (20) + TCP (20) + TCP timestamps option (12).</summary>
    public const int TcpIpHeaderBytes = 52;
    /// <summary>HZ assumed when the kernel config cannot be read: the smallest common value, which gives the larger burst.</summary>
    public const int SafeHz = 100;
    public static readonly TimeSpan QueueTime = TimeSpan.FromMilliseconds(100);
    /// <summary>The largest packet the kernel's segmentation offload hands to a qdisc (gso_max_size).</summary>
    public const int MaxGsoBytes = 65536;
    /// <summary>The gso_max_size the shaper sets on the provider-side interface, so the downlink's burst can be small.</summary>
    public const int EgressGsoBytes = 16384;

    /// <summary>
    /// The highest goodput in MB/s a link is shaped to. Inside each tbf the priority classes run at 10 gbit/s
    /// (<see cref="PriorityChild"/>): 1250 MB/s on the wire, about 1195 MB/s of goodput at MTU 1500, beyond which they and
    /// not the tbf would set the rate; 1000 keeps a margin, and is what <c>bench shaping</c> accepts (docs/lab.md
    /// measures up to 100).
    /// </summary>
    public const double MaxRateMBps = 1000;

    /// <summary>Handle of the root tbf on both the interface and its ifb (fixed, so applying twice gives the same state).</summary>
    public const string RootHandle = "1:";
    public const string IngressHandle = "ffff:";

    public static double OverheadFactor(int mtu) => (double)(mtu + EthernetHeaderBytes) / (mtu - TcpIpHeaderBytes);

    public static TbfParameters Tbf(double goodputMBps, int mtu, int hz, int maxPacketBytes = MaxGsoBytes)
    {
        if (!double.IsFinite(goodputMBps) || goodputMBps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(goodputMBps), goodputMBps, "a shaped rate must be a positive number of MB/s");
        }
        if (mtu < 576 || mtu > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(mtu), mtu, "the MTU must be between 576 and 65535 bytes");
        }
        if (hz <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hz), hz, "HZ must be positive");
        }
        var rate = (long)Math.Ceiling(goodputMBps * 1e6 * OverheadFactor(mtu));
        var frame = mtu + EthernetHeaderBytes;
        var burst = Math.Max(2L * frame, Math.Min((long)Math.Ceiling((double)rate / hz), MaxBurstBytes(mtu, maxPacketBytes)));
        var limit = burst + Math.Max(2L * frame, (long)Math.Ceiling(rate * QueueTime.TotalSeconds));
        return new TbfParameters(rate, burst, limit);
    }

    /// <summary>The largest burst of any rate: one largest GSO packet of the device and two frames (68 564 bytes at
    /// MTU 1500 with the kernel's 64 KiB; 19 412 bytes on the provider-side interface, whose GSO packets the shaper
    /// limits to <see cref="EgressGsoBytes"/>).</summary>
    public static long MaxBurstBytes(int mtu, int maxPacketBytes = MaxGsoBytes) => maxPacketBytes + 2L * (mtu + EthernetHeaderBytes);

    /// <summary>ip arguments: the largest GSO packet the interface's own TCP traffic (the downlink) may hand to its
    /// qdisc. The uplink's packets come from the consumer's side, so the ifb keeps the kernel's 64 KiB.</summary>
    public static IReadOnlyList<string> SetGsoMaxSize(string device, int bytes) =>
        ["link", "set", "dev", device, "gso_max_size", bytes.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The ifb device that carries the ingress (provider uplink) of <paramref name="interfaceName"/>; at most 15 characters.</summary>
    public static string IfbName(string interfaceName)
    {
        var name = "ifb-" + interfaceName;
        return name.Length <= 15 ? name : name[..15];
    }

    /// <summary>tc arguments: the root tbf of a device (the interface's egress = provider downlink; the ifb = provider uplink).</summary>
    public static IReadOnlyList<string> RootTbf(string device, TbfParameters tbf) =>
    [
        "qdisc", "replace", "dev", device, "root", "handle", RootHandle, "tbf",
        "rate", Invariant(tbf.RateBytesPerSecond * 8) + "bit",
        "burst", Invariant(tbf.BurstBytes),
        "limit", Invariant(tbf.LimitBytes),
    ];

    /// <summary>
    /// tc arguments: inside the tbf, an htb that only orders packets (its classes are far faster than the tbf):
    /// small packets (IP length &lt; 512 B: TCP ACKs, handshakes, iperf3's control messages) go first, bulk data after.
    /// Without it a download's data queue delays the upload's ACKs and iperf3's control round trips by the queue
    /// time, and a short concurrent upload measures up to 25% below its shaped rate; with it both directions
    /// measure within a few % (docs/lab.md). The tbf alone still sets the rate and the burst.
    /// </summary>
    /// <remarks>With an impairment the two leaves are netem qdiscs (delay, jitter, loss) instead of byte FIFOs, so every
    /// packet of the direction meets it after the tbf has set its rate; "replace" swaps a leaf in place, so adding,
    /// changing or removing an impairment never touches the tbf, the htb or the filters.</remarks>
    public static IReadOnlyList<IReadOnlyList<string>> PriorityChild(string device, TbfParameters tbf, LinkImpairment? impairment = null) =>
    [
        ["qdisc", "replace", "dev", device, "parent", "1:1", "handle", "10:", "htb", "default", "20"],
        ["class", "replace", "dev", device, "parent", "10:", "classid", "10:10", "htb", "rate", "10gbit", "quantum", "65536", "prio", "0"],
        ["class", "replace", "dev", device, "parent", "10:", "classid", "10:20", "htb", "rate", "10gbit", "quantum", "65536", "prio", "1"],
        ["qdisc", "replace", "dev", device, "parent", "10:10", "handle", "11:", .. Leaf(tbf, impairment)],
        ["qdisc", "replace", "dev", device, "parent", "10:20", "handle", "12:", .. Leaf(tbf, impairment)],
    ];

    /// <summary>
    /// The leaf qdisc of a priority class: a bfifo of the tbf's limit, or a netem whose packet limit holds the same
    /// bytes plus what arrives at the rate during the delay and jitter (netem counts packets, not bytes).
    /// </summary>
    public static IReadOnlyList<string> Leaf(TbfParameters tbf, LinkImpairment? impairment)
    {
        if (impairment is not { IsNone: false } netem) return ["bfifo", "limit", Invariant(tbf.LimitBytes)];
        var heldMs = netem.DelayMs + netem.JitterMs;
        var bytes = tbf.LimitBytes + (long)Math.Ceiling(tbf.RateBytesPerSecond * heldMs / 1000);
        var packets = Math.Max(NetemMinimumLimitPackets, (long)Math.Ceiling((double)bytes / (DefaultMtu + EthernetHeaderBytes)));
        return ["netem", "limit", Invariant(packets), .. netem.NetemOptions()];
    }

    /// <summary>netem's own default queue limit: never less than this many packets.</summary>
    public const int NetemMinimumLimitPackets = 1000;

    /// <summary>tc arguments: the u32 filters that send small IPv4 / IPv6 packets to the priority class 10:10.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> PriorityFilters(string device) =>
    [
        ["filter", "add", "dev", device, "parent", "10:", "protocol", "ip", "prio", "1", "u32", "match", "u16", "0x0000", "0xfe00", "at", "2", "flowid", "10:10"],
        ["filter", "add", "dev", device, "parent", "10:", "protocol", "ipv6", "prio", "2", "u32", "match", "u16", "0x0000", "0xfe00", "at", "4", "flowid", "10:10"],
    ];

    public static IReadOnlyList<string> DeletePriorityFilters(string device) => ["filter", "del", "dev", device, "parent", "10:"];

    /// <summary>tc arguments: the ingress qdisc of the interface.</summary>
    public static IReadOnlyList<string> AddIngressQdisc(string device) =>
        ["qdisc", "add", "dev", device, "handle", IngressHandle, "ingress"];

    /// <summary>tc arguments: delete the ingress qdisc (and with it its filters).</summary>
    public static IReadOnlyList<string> DeleteIngressQdisc(string device) =>
        ["qdisc", "del", "dev", device, "handle", IngressHandle, "ingress"];

    public static IReadOnlyList<string> DeleteRootQdisc(string device) =>
        ["qdisc", "del", "dev", device, "root"];

    /// <summary>tc arguments: a u32 match-all filter on the ingress that redirects every packet to the egress of <paramref name="ifb"/>.</summary>
    public static IReadOnlyList<string> IngressRedirect(string device, string ifb) =>
    [
        "filter", "add", "dev", device, "parent", IngressHandle, "protocol", "all", "prio", "1",
        "u32", "match", "u32", "0", "0",
        "action", "mirred", "egress", "redirect", "dev", ifb,
    ];

    /// <summary>The whole plan: per device its tbf + priority child + filters, and the ingress redirect.</summary>
    public static ShapingPlan Plan(LinkShape shape, int hz)
    {
        var ifb = IfbName(shape.Interface);
        var downlink = Tbf(shape.DownlinkMBps, shape.Mtu, hz, EgressGsoBytes);
        var uplink = Tbf(shape.UplinkMBps, shape.Mtu, hz);
        return new ShapingPlan(
            shape.Interface, ifb, uplink, downlink,
            [Device(shape.Interface, downlink, shape.Impairment), Device(ifb, uplink, shape.Impairment)],
            [AddIngressQdisc(shape.Interface), IngressRedirect(shape.Interface, ifb)]);

        static DeviceShaping Device(string device, TbfParameters tbf, LinkImpairment? impairment) =>
            new(device, tbf, [RootTbf(device, tbf), .. PriorityChild(device, tbf, impairment)], PriorityFilters(device));
    }

    /// <summary>Reads CONFIG_HZ=N from a kernel config text; null when absent.</summary>
    public static int? ParseConfigHz(string kernelConfig)
    {
        foreach (var line in kernelConfig.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("CONFIG_HZ=", StringComparison.Ordinal) &&
                int.TryParse(trimmed["CONFIG_HZ=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var hz) && hz > 0)
            {
                return hz;
            }
        }
        return null;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The computed shaping of one interface: the tbf of each direction and the tc commands that install them.</summary>
public sealed record ShapingPlan(
    string Interface,
    string Ifb,
    TbfParameters Uplink,
    TbfParameters Downlink,
    IReadOnlyList<DeviceShaping> Devices,
    IReadOnlyList<IReadOnlyList<string>> IngressCommands);

/// <summary>The shaping of one device: its qdisc/class commands (idempotent "replace") and its priority filters (added once).</summary>
public sealed record DeviceShaping(
    string Device, TbfParameters Tbf, IReadOnlyList<IReadOnlyList<string>> QdiscCommands, IReadOnlyList<IReadOnlyList<string>> Filters);
