using Microsoft.Extensions.Time.Testing;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;

namespace Auction.Tests.Unit.Network;

public sealed class SimulatedFlowRunnerTests
{
    [Fact]
    public async Task Flow_time_is_size_over_the_slower_shaped_rate_and_speeds_are_the_shaped_rates()
    {
        var time = new FakeTimeProvider();
        var runner = new SimulatedFlowRunner(timeProvider: time);
        var endpoint = new LinkEndpoint("10.77.0.10", 5201, 2, ShapedUplink: 2, ShapedDownlink: 1);

        var flow = runner.RunAsync("provider-0", endpoint, 4, null, CancellationToken.None);
        Assert.True(flow.IsCompleted, "the default simulated runner must not wait: its clock never moved");
        var result = await flow;

        Assert.True(result.Succeeded);
        Assert.True(result.Simulated);
        Assert.Null(result.Error);
        Assert.Equal(2, result.UplinkMBps);
        Assert.Equal(1, result.DownlinkMBps);
        Assert.Equal(TimeSpan.FromSeconds(4), result.EndedAt - result.StartedAt); // max(4/2, 4/1)
    }

    [Fact]
    public async Task A_time_scale_sleeps_that_fraction_of_the_flow_time()
    {
        var time = new FakeTimeProvider();
        var runner = new SimulatedFlowRunner(timeScale: 0.1, timeProvider: time);
        var endpoint = new LinkEndpoint("h", 1, 1, 10, 10);

        var flow = runner.RunAsync("p", endpoint, 5, null, CancellationToken.None); // 0.5 s flow → 50 ms
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(flow.IsCompleted, "the flow ended before 50 ms of its clock had passed");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await flow.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(0.5), result.EndedAt - result.StartedAt);
    }

    [Fact]
    public async Task On_a_virtual_clock_the_flow_starts_at_its_requests_experiment_time_and_on_the_wall_clock_now()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var runner = new SimulatedFlowRunner(timeProvider: time);
        var endpoint = new LinkEndpoint("h", 1, 1, 10, 5);
        var moment = new ExperimentTime(ExperimentClocks.Virtual, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), 90_500, 3);

        var simulated = await runner.RunAsync("p", endpoint, 5, moment, CancellationToken.None);
        var wall = await runner.RunAsync("p", endpoint, 5, moment with { Clock = ExperimentClocks.Wall }, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 1, 30, 500, TimeSpan.Zero), simulated.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(1), simulated.EndedAt - simulated.StartedAt); // max(5/10, 5/5)
        Assert.Equal(time.GetUtcNow(), wall.StartedAt);
    }

    [Fact]
    public async Task A_link_without_a_rate_fails_with_a_reason_not_zero()
    {
        var result = await new SimulatedFlowRunner().RunAsync("provider-7", new LinkEndpoint("h", 1, 1, 0, 1), 1, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(double.IsNaN(result.UplinkMBps));
        Assert.Contains("provider-7 has no positive shaped rate", result.Error);
    }

    [Fact]
    public void A_negative_time_scale_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedFlowRunner(-1));
    }

    [Fact]
    public void Iperf3_run_timeout_is_size_over_minimum_rate_plus_slack_capped()
    {
        var options = new Iperf3FlowOptions { MinimumRateMBps = 0.1, Slack = TimeSpan.FromSeconds(10), MaxRunTimeout = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromSeconds(50), Iperf3FlowRunner.RunTimeout(4, options));
        Assert.Equal(TimeSpan.FromMinutes(5), Iperf3FlowRunner.RunTimeout(1000, options));
    }

    [Theory]
    [InlineData(1_000_000L, 65_536L)]      // 62 500 → the 64 KiB floor
    [InlineData(4_000_000L, 250_000L)]     // a sixteenth
    [InlineData(64_000_000L, 1_048_576L)]  // 4 MB → the 1 MiB ceiling
    public void Iperf3_upload_window_is_a_sixteenth_of_the_flow_between_64_KiB_and_1_MiB(long flowBytes, long expected)
    {
        Assert.Equal(expected, Iperf3FlowRunner.UploadWindowBytes(flowBytes));
    }

    [Fact]
    public async Task A_flow_through_a_link_that_is_down_fails_with_link_down()
    {
        var time = new ExperimentTime(ExperimentClocks.Virtual, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 1_500, 3);
        var runner = new SimulatedFlowRunner();

        var result = await runner.RunAsync("p", new LinkEndpoint("h", 1, 1, 10, 10) { Down = true }, 5, time, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("link down", result.Error);
        Assert.Equal((time.At, time.At), (result.StartedAt, result.EndedAt));
    }
}
