using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;

namespace Auction.Tests.Unit.Network;

/// <summary>What the lab's link control changes: the shape only when it differs from the one in place, the outage only when it flips.</summary>
public sealed class TcLinkControlTests
{
    private static readonly TcLinkControlOptions Options = new("provider-3", "veth-p3", 5213, 4, Namespace: "auction-p3", Mtu: 9000);

    [Fact]
    public void The_first_application_shapes_the_interface_and_sets_the_outage()
    {
        var (shape, down) = TcLinkControl.Changes(Options, new ProviderLinkState(2, 3, Up: true, Step: -1), new LinkImpairment(20), null, null);

        Assert.Equal(new LinkShape("veth-p3", new NetworkNamespace("auction-p3"), 2, 3, 9000) { Impairment = new LinkImpairment(20) }, shape);
        Assert.False(down);
    }

    [Fact]
    public void Only_what_changed_is_applied_again()
    {
        var up = new ProviderLinkState(2, 3, Up: true, Step: 0);
        var (shape, _) = TcLinkControl.Changes(Options, up, null, null, null);

        var same = TcLinkControl.Changes(Options, up with { Step = 1 }, new LinkImpairment(), shape, false);
        var goesDown = TcLinkControl.Changes(Options, up with { Up = false }, null, shape, false);
        var faster = TcLinkControl.Changes(Options, up with { ShapedUplink = 5 }, null, shape, false);

        Assert.Equal((null, null), same);
        Assert.Equal((null, true), goesDown);
        Assert.Equal((5, null), (faster.Shape?.UplinkMBps, faster.Down));
    }

    [Fact]
    public async Task It_refuses_a_provider_it_does_not_host()
    {
        var control = new TcLinkControl(Options, new TcLinkShaper(), new LinkOutageSwitch());

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            control.ApplyAsync("provider-4", new ProviderLinkState(1, 1, true, -1), null, CancellationToken.None));

        Assert.StartsWith("this silo controls the link of provider-3, not of provider-4.", e.Message, StringComparison.Ordinal);
    }
}
