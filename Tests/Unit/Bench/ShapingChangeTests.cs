using Auction.Client.Bench;
using Auction.Client.Bench.Commands;
using Auction.Tests.Unit.Client;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Bench;

/// <summary><c>bench shaping --changes</c>: its options, when a flow has reached a new rate, and what passes.</summary>
public sealed class ShapingChangeTests
{
    private const double Window = 0.05;

    /// <summary>A byte counter sampled every <paramref name="step"/> s from 0 to <paramref name="until"/>, counting at <paramref name="before"/> B/s until <paramref name="switchAt"/> and <paramref name="after"/> B/s from then on.</summary>
    private static List<CounterSample> Counter(double before, double after, double switchAt, double until, double step = 0.005)
    {
        var samples = new List<CounterSample>();
        for (var i = 0; i * step <= until + 1e-9; i++)
        {
            var t = i * step;
            var bytes = t <= switchAt ? before * t : before * switchAt + after * (t - switchAt);
            samples.Add(new CounterSample(t, (long)Math.Round(bytes)));
        }
        return samples;
    }

    [Fact]
    public void A_drop_is_reached_at_the_first_window_wholly_at_the_new_rate()
    {
        // 40 → 10 MB/s at 1.0 s: a window starting even 5 ms earlier carries 40 MB/s for those 5 ms and measures 13 MB/s
        var samples = Counter(40e6, 10e6, switchAt: 1.0, until: 2.0);

        var seconds = SettleDetector.SecondsUntilWithin(samples, from: 0.9, targetBytesPerSecond: 10e6, Window, tolerance: 0.1);

        Assert.NotNull(seconds);
        Assert.Equal(0.1, seconds.Value, 9);
    }

    [Fact]
    public void A_rate_already_in_force_is_reached_at_once_and_one_never_reached_is_null()
    {
        var steady = Counter(20e6, 20e6, switchAt: 0, until: 1.0);

        Assert.Equal(0.0, SettleDetector.SecondsUntilWithin(steady, from: 0.3, 20e6, Window, 0.1)!.Value, 9);
        Assert.Null(SettleDetector.SecondsUntilWithin(steady, from: 0.3, 40e6, Window, 0.1));
        // within 10 % but not 2 %
        Assert.NotNull(SettleDetector.SecondsUntilWithin(steady, from: 0, 21.5e6, Window, 0.1));
        Assert.Null(SettleDetector.SecondsUntilWithin(steady, from: 0, 21.5e6, Window, 0.02));
    }

    [Fact]
    public void Without_a_whole_window_after_the_change_there_is_no_answer_yet()
    {
        var samples = Counter(10e6, 40e6, switchAt: 0.5, until: 0.54);

        Assert.Null(SettleDetector.SecondsUntilWithin(samples, from: 0.5, 40e6, Window, 0.1));
        Assert.Null(SettleDetector.SecondsUntilWithin([], from: 0, 40e6, Window, 0.1));
    }

    [Fact]
    public void The_root_tbfs_byte_counter_is_read_from_tc_json()
    {
        const string json = """
            [{"kind":"tbf","handle":"1:","root":true,"refcnt":2,"options":{"rate":83680000},"bytes":123456789,"packets":900,"drops":0},
             {"kind":"htb","handle":"10:","parent":"1:1","options":{},"bytes":5,"packets":1}]
            """;

        Assert.Equal(123456789, TcByteSampler.RootTbfBytes(json));
        Assert.Null(TcByteSampler.RootTbfBytes("""[{"kind":"noqueue","handle":"0:","root":true,"bytes":7}]"""));
    }

    [Fact]
    public void A_report_passes_only_when_every_change_settled_every_flow_was_within_and_the_outage_failed_its_flow()
    {
        LinkChangeTiming[] timings = [new(10, 40, 120, 30), new(40, 10, 130, 25)];
        LinkChangeFlow[] flows = [new(40, 2, 39, 41.5, null), new(10, 2, 9.95, 10.2, null)];
        var outage = new LinkOutageCheck(10, true, "reset", 0.1, 10, 10, null);
        var report = new ShapingChangeReport(10, 40, 50, 0.1, 3, timings, flows, outage);

        Assert.True(report.Passed);
        Assert.Equal(2, report.FlowsWithin);
        Assert.Equal(125, report.Apply.P50, 9);
        Assert.False((report with { Flows = [.. flows, new LinkChangeFlow(40, 2, 35.9, 40, null)] }).Passed);
        Assert.False((report with { Timings = [.. timings, new LinkChangeTiming(10, 40, 100, null)] }).Passed);
        Assert.Equal(1, (report with { Timings = [.. timings, new LinkChangeTiming(10, 40, 100, null)] }).Unsettled);
        Assert.False((report with { Outage = outage with { FlowFailed = false } }).Passed);
        Assert.False((report with { Outage = outage with { AfterError = "refused" } }).Passed);
    }

    [Theory]
    [InlineData("--changes", "0", "--changes must be a whole number from 1 to 1000, got 0.")]
    [InlineData("--change-rates", "10", "--change-rates must be two MB/s in (0, 1000] separated by a comma, got '10'.")]
    [InlineData("--change-rates", "10,2000", "--change-rates must be two MB/s in (0, 1000] separated by a comma, got '10,2000'.")]
    [InlineData("--change-flow", "0.5", "--change-flow must be a size in MB from 1 to 1000, got 0.5.")]
    public void A_bad_change_option_is_one_line_and_exit_2(string option, string value, string expected)
    {
        var r = CliRunner.Run(null, "bench", "shaping", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal([$"error: {expected}"], r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_change_rates_default_to_10_and_40()
    {
        var settings = new BenchShapingSettings { Changes = 50 };

        Assert.Null(settings.Check(out _));
        Assert.Equal((10.0, 40.0), settings.ChangeRatesMBps);
    }
}
