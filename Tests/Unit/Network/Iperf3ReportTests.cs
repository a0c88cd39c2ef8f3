using Auction.Grains.Network;

namespace Auction.Tests.Unit.Network;

/// <summary>Parsing real iperf3 3.12 -J outputs captured on the lab (Tests/Unit/Network/Data).</summary>
public sealed class Iperf3ReportTests
{
    private static string Sample(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Unit", "Network", "Data", name));

    [Fact]
    public void Upload_report_gives_the_receiver_side_rate()
    {
        var report = Iperf3Report.Parse(Sample("upload-2MBps.json"));

        Assert.Null(report.Error);
        Assert.True(report.Succeeded);
        Assert.False(report.IsBusy);
        Assert.False(report.Reverse);
        Assert.Equal("iperf 3.12", report.Version);
        Assert.Equal(15168882.850058736, report.ReceivedBitsPerSecond!.Value, 6);
        Assert.Equal(15168882.850058736 / 8e6, report.ReceivedMBps!.Value, 9);
        Assert.Equal(3194288, report.ReceivedBytes);
        // the sender side (socket buffer speed) is faster than what arrived: it must not be the measurement
        Assert.True(report.SentBitsPerSecond > report.ReceivedBitsPerSecond);
    }

    [Fact]
    public void Reverse_report_is_recognised_and_gives_the_received_rate()
    {
        var report = Iperf3Report.Parse(Sample("download-1MBps-reverse.json"));

        Assert.True(report.Reverse);
        Assert.True(report.Succeeded);
        Assert.Equal(7315198.13275899 / 8e6, report.ReceivedMBps!.Value, 9);
        Assert.Equal(4.376939, report.ReceivedSeconds!.Value, 6);
    }

    [Fact]
    public void Busy_server_error_is_busy_not_a_measurement()
    {
        var report = Iperf3Report.Parse(Sample("busy.json"));

        Assert.Equal("the server is busy running a test. try again later", report.Error);
        Assert.True(report.IsBusy);
        Assert.False(report.Succeeded);
        Assert.Null(report.ReceivedMBps);
    }

    [Fact]
    public void Refused_connection_is_an_error_that_is_not_busy()
    {
        var report = Iperf3Report.Parse(Sample("refused.json"));

        Assert.Equal("unable to connect to server: Connection refused", report.Error);
        Assert.False(report.IsBusy);
        Assert.False(report.Succeeded);
    }

    [Theory]
    [InlineData("", "no JSON report")]
    [InlineData("iperf3: error - unable to connect", "not a JSON report")]
    [InlineData("[]", "not an object")]
    [InlineData("{\"start\":{},\"end\":{}}", "neither an error nor end.sum_received")]
    public void Not_a_report_throws_a_format_exception_saying_why(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => Iperf3Report.Parse(text));
        Assert.Contains(expected, e.Message);
    }
}
