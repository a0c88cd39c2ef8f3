using Auction.Grains.Network;

namespace Auction.Tests.Unit.Network;

/// <summary>The tc plan of delay, jitter and loss (netem leaves under the priority classes) and the outage rules.</summary>
public sealed class LinkImpairmentPlanTests
{
    [Fact]
    public void Without_an_impairment_the_leaves_stay_byte_fifos()
    {
        var plan = TcShapingPlan.Plan(new LinkShape("eth0", NetworkNamespace.Root, 5, 5) { Impairment = new LinkImpairment() }, 250);

        Assert.All(plan.Devices, d => Assert.Equal(2, d.QdiscCommands.Count(c => c.Contains("bfifo"))));
        Assert.DoesNotContain(plan.Devices.SelectMany(d => d.QdiscCommands), c => c.Contains("netem"));
    }

    [Fact]
    public void Delay_jitter_and_loss_become_netem_leaves_in_both_directions_under_the_same_tbf()
    {
        var shape = new LinkShape("eth0", NetworkNamespace.Root, UplinkMBps: 4, DownlinkMBps: 8) { Impairment = new LinkImpairment(20, 5, 1.5) };
        var plain = TcShapingPlan.Plan(shape with { Impairment = null }, 250);
        var plan = TcShapingPlan.Plan(shape, 250);

        Assert.True(shape.NeedsNetem);
        for (int d = 0; d < 2; d++)
        {
            var device = plan.Devices[d];
            // the rate, the htb and the filters are the plain link's: only the two leaves differ
            Assert.Equal(plain.Devices[d].QdiscCommands.Take(4).Select(c => string.Join(' ', c)), device.QdiscCommands.Take(4).Select(c => string.Join(' ', c)));
            Assert.Equal(plain.Devices[d].Filters, device.Filters);
            long bytes = device.Tbf.LimitBytes + (long)Math.Ceiling(device.Tbf.RateBytesPerSecond * 0.025);
            long packets = Math.Max(1000, (long)Math.Ceiling(bytes / 1514.0));
            Assert.Equal(
                [
                    $"qdisc replace dev {device.Device} parent 10:10 handle 11: netem limit {packets} delay 20ms 5ms loss 1.5%",
                    $"qdisc replace dev {device.Device} parent 10:20 handle 12: netem limit {packets} delay 20ms 5ms loss 1.5%",
                ],
                device.QdiscCommands.Skip(4).Select(c => string.Join(' ', c)));
        }
    }

    [Theory]
    [InlineData(0, 0, 2, "loss 2%")]
    [InlineData(30, 0, 0, "delay 30ms")]
    [InlineData(0.5, 0.25, 0, "delay 0.5ms 0.25ms")]
    [InlineData(0, 3, 0, "delay 0ms 3ms")]
    public void Netem_options_name_only_what_is_set(double delay, double jitter, double loss, string expected)
    {
        Assert.Equal(expected, string.Join(' ', new LinkImpairment(delay, jitter, loss).NetemOptions()));
    }

    [Fact]
    public void A_slow_link_with_a_long_delay_gets_a_netem_queue_that_holds_the_delayed_bytes()
    {
        var tbf = TcShapingPlan.Tbf(100, 1500, 250);
        var leaf = TcShapingPlan.Leaf(tbf, new LinkImpairment(DelayMs: 200));

        long expected = (long)Math.Ceiling((tbf.LimitBytes + tbf.RateBytesPerSecond * 0.2) / 1514.0);
        Assert.True(expected > TcShapingPlan.NetemMinimumLimitPackets, "the case must exceed netem's default limit to test anything");
        Assert.Equal(["netem", "limit", expected.ToString(System.Globalization.CultureInfo.InvariantCulture), "delay", "200ms"], leaf);
    }

    [Fact]
    public void Outage_rules_reset_the_server_ports_both_ways_and_carry_our_comment()
    {
        var rules = LinkOutagePlan.Rules(5201, 4);

        Assert.Equal(
            [
                "-w 5 -I INPUT -p tcp --dport 5201:5204 -m comment --comment auction-link-outage -j REJECT --reject-with tcp-reset",
                "-w 5 -I OUTPUT -p tcp --sport 5201:5204 -m comment --comment auction-link-outage -j REJECT --reject-with tcp-reset",
            ],
            rules.Select(r => string.Join(' ', LinkOutagePlan.Command("-I", r.Chain, r.Rule))));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinkOutagePlan.Rules(65535, 2));
        Assert.Equal("-K -t state established ( sport >= :5201 and sport <= :5204 )", string.Join(' ', LinkOutagePlan.CloseEstablished(5201, 4)));
    }

    [Fact]
    public void The_netem_probe_message_names_the_kernel_option()
    {
        Assert.Equal(
            "tc: the netem qdisc (delay, jitter, loss) is not available in this kernel (CONFIG_NET_SCH_NETEM) (Error: Specified qdisc kind is unknown.).",
            TcCapabilityMessages.Describe(TcFeature.Netem, "Error: Specified qdisc kind is unknown.\n"));
    }
}
