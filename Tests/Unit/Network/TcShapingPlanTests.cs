using Auction.Grains.Network;

namespace Auction.Tests.Unit.Network;

public sealed class TcShapingPlanTests
{
    private const double Overhead = 1514.0 / 1448.0;

    [Fact]
    public void Rate_is_the_goodput_raised_by_the_header_overhead()
    {
        var tbf = TcShapingPlan.Tbf(2, 1500, 250);

        Assert.Equal((long)Math.Ceiling(2e6 * Overhead), tbf.RateBytesPerSecond);
        Assert.Equal(2_091_161, tbf.RateBytesPerSecond); // 2e6 × 1514 / 1448 = 2 091 160.22, rounded up
    }

    [Fact]
    public void Burst_at_a_low_rate_is_one_tick_of_tokens_not_megabytes()
    {
        var tbf = TcShapingPlan.Tbf(2, 1500, 250);

        // rate / HZ = 2 091 161 / 250 = 8 364.64 → 8 365 bytes, more than 2 frames (3 028)
        Assert.Equal(8365, tbf.BurstBytes);
        // limit = burst + 100 ms of rate
        Assert.Equal(8365 + 209_117, tbf.LimitBytes); // ⌈2 091 161 × 0.1⌉
    }

    [Fact]
    public void Burst_at_a_very_low_rate_is_two_frames()
    {
        var tbf = TcShapingPlan.Tbf(0.1, 1500, 1000);

        Assert.Equal(2 * 1514, tbf.BurstBytes);
        Assert.Equal(2 * 1514 + Math.Max(2 * 1514, (long)Math.Ceiling(0.1e6 * Overhead * 0.1)), tbf.LimitBytes);
    }

    [Fact]
    public void Burst_grows_with_the_rate_and_shrinks_with_hz_below_the_cap()
    {
        var at100 = TcShapingPlan.Tbf(5, 1500, 100);
        var at250 = TcShapingPlan.Tbf(5, 1500, 250);

        Assert.Equal((long)Math.Ceiling(at100.RateBytesPerSecond / 100.0), at100.BurstBytes);
        Assert.Equal((long)Math.Ceiling(at250.RateBytesPerSecond / 250.0), at250.BurstBytes);
        Assert.True(at100.BurstBytes > at250.BurstBytes);
    }

    [Theory]
    [InlineData(40.0, 250)]
    [InlineData(100.0, 250)]
    [InlineData(100.0, 100)]
    public void Burst_at_a_high_rate_is_one_gso_packet_and_two_frames_a_small_share_of_a_1_MB_flow(double rate, int hz)
    {
        var tbf = TcShapingPlan.Tbf(rate, 1500, hz);

        // one tick of tokens would be 167 kB .. 1.05 MB; the cap is 65 536 + 2 × 1514 = 68 564 bytes
        Assert.Equal(68_564, tbf.BurstBytes);
        Assert.True(tbf.BurstBytes < 0.07 * 1e6, $"burst {tbf.BurstBytes} B");
        Assert.Equal(68_564 + (long)Math.Ceiling(tbf.RateBytesPerSecond * 0.1), tbf.LimitBytes);
    }

    [Fact]
    public void At_a_high_rate_the_downlink_burst_is_one_16_KiB_gso_packet_and_two_frames_the_uplink_one_64_KiB()
    {
        var plan = TcShapingPlan.Plan(new LinkShape("eth0", NetworkNamespace.Root, UplinkMBps: 40, DownlinkMBps: 40), 250);

        Assert.Equal(16_384 + 2 * 1514, plan.Downlink.BurstBytes);
        Assert.Equal(65_536 + 2 * 1514, plan.Uplink.BurstBytes);
        Assert.Equal("link set dev eth0 gso_max_size 16384", string.Join(' ', TcShapingPlan.SetGsoMaxSize("eth0", TcShapingPlan.EgressGsoBytes)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_non_positive_rate_is_refused(double rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TcShapingPlan.Tbf(rate, 1500, 250));
        Assert.Contains("positive number of MB/s", e.Message);
    }

    [Fact]
    public void Plan_maps_uplink_to_the_ifb_and_downlink_to_egress()
    {
        var plan = TcShapingPlan.Plan(new LinkShape("eth0", NetworkNamespace.Root, UplinkMBps: 2, DownlinkMBps: 1), 250);

        Assert.Equal("ifb-eth0", plan.Ifb);
        Assert.Equal(TcShapingPlan.Tbf(2, 1500, 250), plan.Uplink);
        Assert.Equal(TcShapingPlan.Tbf(1, 1500, 250), plan.Downlink);
        Assert.Equal(["eth0", "ifb-eth0"], plan.Devices.Select(d => d.Device));
        Assert.Equal(plan.Downlink, plan.Devices[0].Tbf);
        Assert.Equal(plan.Uplink, plan.Devices[1].Tbf);
        Assert.Equal(
            $"qdisc replace dev eth0 root handle 1: tbf rate {plan.Downlink.RateBytesPerSecond * 8}bit burst {plan.Downlink.BurstBytes} limit {plan.Downlink.LimitBytes}",
            string.Join(' ', plan.Devices[0].QdiscCommands[0]));
        Assert.Equal(
            $"qdisc replace dev ifb-eth0 root handle 1: tbf rate {plan.Uplink.RateBytesPerSecond * 8}bit burst {plan.Uplink.BurstBytes} limit {plan.Uplink.LimitBytes}",
            string.Join(' ', plan.Devices[1].QdiscCommands[0]));
        Assert.Equal(
            [
                "qdisc replace dev eth0 parent 1:1 handle 10: htb default 20",
                "class replace dev eth0 parent 10: classid 10:10 htb rate 10gbit quantum 65536 prio 0",
                "class replace dev eth0 parent 10: classid 10:20 htb rate 10gbit quantum 65536 prio 1",
                $"qdisc replace dev eth0 parent 10:10 handle 11: bfifo limit {plan.Downlink.LimitBytes}",
                $"qdisc replace dev eth0 parent 10:20 handle 12: bfifo limit {plan.Downlink.LimitBytes}",
            ],
            plan.Devices[0].QdiscCommands.Skip(1).Select(c => string.Join(' ', c)));
        Assert.Equal(
            [
                "filter add dev ifb-eth0 parent 10: protocol ip prio 1 u32 match u16 0x0000 0xfe00 at 2 flowid 10:10",
                "filter add dev ifb-eth0 parent 10: protocol ipv6 prio 2 u32 match u16 0x0000 0xfe00 at 4 flowid 10:10",
            ],
            plan.Devices[1].Filters.Select(c => string.Join(' ', c)));
        Assert.Equal("qdisc add dev eth0 handle ffff: ingress", string.Join(' ', plan.IngressCommands[0]));
        Assert.Equal(
            "filter add dev eth0 parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev ifb-eth0",
            string.Join(' ', plan.IngressCommands[1]));
    }

    [Fact]
    public void Ifb_name_fits_in_fifteen_characters()
    {
        Assert.Equal("ifb-enp0s31f6ab", TcShapingPlan.IfbName("enp0s31f6abcdef"));
        Assert.Equal(15, TcShapingPlan.IfbName("averyveryverylongname").Length);
    }

    [Theory]
    [InlineData("# comment\nCONFIG_HZ_250=y\nCONFIG_HZ=250\n", 250)]
    [InlineData("CONFIG_HZ=1000", 1000)]
    [InlineData("CONFIG_HZ_100=y\n", null)]
    [InlineData("", null)]
    public void Config_hz_is_read_from_the_kernel_config(string config, int? expected)
    {
        Assert.Equal(expected, TcShapingPlan.ParseConfigHz(config));
    }

    [Fact]
    public void Namespaced_commands_use_tc_dash_n()
    {
        Assert.Equal(["-n", "lab-p0", "qdisc", "show"], TcLinkShaper.TcArgs(new NetworkNamespace("lab-p0"), ["qdisc", "show"]));
        Assert.Equal(["qdisc", "show"], TcLinkShaper.TcArgs(NetworkNamespace.Root, ["qdisc", "show"]));
        var (executable, arguments) = new NetworkNamespace("lab-p1").Wrap("iperf3", ["-s"]);
        Assert.Equal("ip", executable);
        Assert.Equal(["netns", "exec", "lab-p1", "iperf3", "-s"], arguments);
    }
}
