using Auction.Grains.Network;

namespace Auction.Tests.Unit.Network;

/// <summary>Parsing <c>tc -j qdisc show</c> output as iproute2 6.1 prints it (captured in a scratch namespace).</summary>
public sealed class TcQdiscListTests
{
    [Fact]
    public void A_root_tbf_gives_its_rate_and_burst()
    {
        const string json = """[{"kind":"tbf","handle":"1:","root":true,"refcnt":2,"options":{"rate":1000000,"burst":32768,"lat":50000}}]""";
        var qdisc = Assert.Single(QdiscInfo.ParseList(json));
        Assert.Equal(("tbf", "1:", true), (qdisc.Kind, qdisc.Handle, qdisc.Root));
        Assert.Equal(1_000_000, qdisc.Tbf!.RateBytesPerSecond);
        Assert.Equal(32_768, qdisc.Tbf.BurstBytes);
    }

    [Fact]
    public void Statistics_and_other_kinds_are_read_past()
    {
        const string json = """
            [{"kind":"noqueue","handle":"0:","root":true,"refcnt":2,"options":{}},
             {"kind":"tbf","handle":"1:","parent":"10:1","options":{"rate":125000,"burst":1600,"lat":50000},
              "bytes":0,"packets":0,"drops":0,"overlimits":0,"requeues":0,"backlog":0,"qlen":0}]
            """;
        var list = QdiscInfo.ParseList(json);
        Assert.Equal(2, list.Count);
        Assert.Equal(("noqueue", true, (TbfParameters?)null), (list[0].Kind, list[0].Root, list[0].Tbf));
        Assert.Equal(("tbf", false, 125_000L), (list[1].Kind, list[1].Root, list[1].Tbf!.RateBytesPerSecond));
    }

    [Fact]
    public void No_output_is_no_qdisc()
    {
        Assert.Empty(QdiscInfo.ParseList(""));
        Assert.Empty(QdiscInfo.ParseList("[]"));
    }
}
