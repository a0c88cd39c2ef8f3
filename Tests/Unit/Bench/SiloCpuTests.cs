using Auction.Client.Bench;

namespace Auction.Tests.Unit.Bench;

public sealed class SiloCpuTests
{
    private static SiloProcess Silo(int pid, string role, double cpuSeconds, long start = 1000) =>
        new(pid, role, role == "provider" ? $"provider-{pid}" : null, RssBytes: 1, CpuTime: TimeSpan.FromSeconds(cpuSeconds), StartTicks: start);

    [Fact]
    public void Cpu_per_second_is_the_growth_of_each_silo_over_the_wall_time()
    {
        var before = new[] { Silo(1, "consumer", 10.0), Silo(2, "provider", 5.0), Silo(3, "provider", 7.0) };
        var after = new[] { Silo(1, "consumer", 10.3), Silo(2, "provider", 5.5), Silo(3, "provider", 7.2) };

        var cpu = SiloCpu.Between(before, after, TimeSpan.FromSeconds(20));

        Assert.Equal(3, cpu.Silos);
        Assert.Equal(0, cpu.Changed);
        Assert.Equal(1000, cpu.TotalMs, 6);         // 300 + 500 + 200 ms
        Assert.Equal(700, cpu.ProviderMs, 6);
        Assert.Equal(300, cpu.OtherMs, 6);
        Assert.Equal(50, cpu.TotalMsPerSecond, 6);  // 1000 ms / 20 s
        Assert.Equal(35, cpu.ProviderMsPerSecond, 6);
        Assert.Equal(15, cpu.OtherMsPerSecond, 6);
    }

    [Fact]
    public void A_silo_restarted_under_the_same_pid_or_gone_or_new_is_left_out_and_counted_as_changed()
    {
        var before = new[] { Silo(1, "consumer", 10.0), Silo(2, "provider", 50.0), Silo(3, "provider", 7.0) };
        // pid 2 restarted (new start time, its CPU began again at 0.4 s), pid 3 stopped, pid 4 started
        var after = new[] { Silo(1, "consumer", 10.1), Silo(2, "provider", 0.4, start: 9000), Silo(4, "provider", 1.0) };

        var cpu = SiloCpu.Between(before, after, TimeSpan.FromSeconds(10));

        Assert.Equal(1, cpu.Silos);
        Assert.Equal(4, cpu.Changed); // old 2 and 3 before, new 2 and 4 after
        Assert.Equal(100, cpu.TotalMs, 6);
        Assert.Equal(0, cpu.ProviderMs, 6);
    }

    [Fact]
    public void Cpu_per_auction_above_idle_subtracts_the_idle_rate_over_the_measured_wall_time()
    {
        var idle = SiloCpu.Between([Silo(1, "provider", 1.0)], [Silo(1, "provider", 1.5)], TimeSpan.FromSeconds(10)); // 50 ms/s
        var auctions = SiloCpu.Between([Silo(1, "provider", 2.0)], [Silo(1, "provider", 4.2)], TimeSpan.FromSeconds(4)); // 2 200 ms

        Assert.Equal(22, auctions.MsPer(100), 6);
        Assert.Equal(20, auctions.MsPerAbove(idle, 100), 6); // (2 200 − 50 × 4) / 100
        Assert.True(double.IsNaN(auctions.MsPer(0)));
        var notMeasured = SiloCpu.Between([], [], TimeSpan.Zero);
        Assert.True(double.IsNaN(notMeasured.TotalMsPerSecond));
        Assert.True(double.IsNaN(auctions.MsPerAbove(notMeasured, 100)));
    }

    [Theory]
    // a real line of a silo: pid (comm) state ppid ... utime=1234 stime=567 ... starttime=98765
    [InlineData("4242 (dotnet) S 1 4242 4242 0 -1 4194560 9130 0 0 0 1234 567 0 0 20 0 25 0 98765 5000000 30000 184467", 18.01, 98765L)]
    // a process name with spaces and parentheses: fields are counted from the last ')'
    [InlineData("77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 100 50 0 0 20 0 1 0 12 0 0 0", 1.5, 12L)]
    public void Cpu_time_and_start_are_read_from_the_stat_line(string stat, double seconds, long start)
    {
        var parsed = SiloProcesses.ParseStat(stat);
        Assert.NotNull(parsed);
        Assert.Equal(seconds, parsed.Value.CpuTime.TotalSeconds, 6);
        Assert.Equal(start, parsed.Value.StartTicks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 (dotnet) S 1 2 3")]
    [InlineData("12 (dotnet) S 1 12 12 0 -1 0 0 0 0 0 x 50 0 0 20 0 1 0 12 0")]
    public void An_unreadable_stat_line_gives_no_cpu_time(string stat) => Assert.Null(SiloProcesses.ParseStat(stat));
}
