using Auction.Grains.Network;

namespace Auction.Tests.Unit.Network;

public sealed class TcCapabilityMessagesTests
{
    [Theory]
    [InlineData(TcFeature.Ifb, "Error: Unknown device type.", "tc: the ifb device type is not available in this kernel (CONFIG_IFB) (Error: Unknown device type.).")]
    [InlineData(TcFeature.Tbf, "Error: Specified qdisc kind is unknown.", "tc: the tbf qdisc is not available in this kernel (CONFIG_NET_SCH_TBF) (Error: Specified qdisc kind is unknown.).")]
    [InlineData(TcFeature.Ingress, "Error: Specified qdisc kind is unknown.", "tc: the ingress qdisc is not available in this kernel (CONFIG_NET_SCH_INGRESS) (Error: Specified qdisc kind is unknown.).")]
    [InlineData(TcFeature.U32, "Error: Specified filter kind is unknown.", "tc: the u32 classifier is not available in this kernel (CONFIG_NET_CLS_U32) (Error: Specified filter kind is unknown.).")]
    [InlineData(TcFeature.Mirred, "Error: TC action kind not found.\nWe have an error talking to the kernel", "tc: the mirred action is not available in this kernel (CONFIG_NET_ACT_MIRRED) (Error: TC action kind not found.).")]
    [InlineData(TcFeature.GsoMaxSize, "Error: either \"dev\" is duplicate, or \"gso_max_size\" is a garbage.", "tc: this kernel or ip does not let a device's gso_max_size be set ('ip link set dev … gso_max_size') (Error: either \"dev\" is duplicate, or \"gso_max_size\" is a garbage.).")]
    [InlineData(TcFeature.TcCommand, null, "tc: the tc or ip command (iproute2) is not installed or does not run.")]
    public void Each_missing_feature_is_named_in_one_sentence(TcFeature feature, string? said, string expected)
    {
        var message = TcCapabilityMessages.Describe(feature, said);

        Assert.Equal(expected, message);
        Assert.DoesNotContain("\n", message);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public void Missing_privilege_is_reported_as_such_not_as_a_missing_feature()
    {
        var message = TcCapabilityMessages.Describe(TcFeature.Ifb, "RTNETLINK answers: Operation not permitted");

        Assert.Equal("tc: not permitted to configure an ifb device: run as root or with CAP_NET_ADMIN (RTNETLINK answers: Operation not permitted).", message);
    }

    [Fact]
    public void A_missing_namespace_is_named()
    {
        var message = TcCapabilityMessages.Describe(TcFeature.Namespace, "Cannot open network namespace \"lab-p9\": No such file or directory", "lab-p9");

        Assert.StartsWith("tc: the network namespace 'lab-p9' does not exist", message);
    }
}
