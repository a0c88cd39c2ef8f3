using Auction.Tests.Unit.Client;
using Auction.Client.Bench;
using Auction.Client.Bench.Commands;
using Auction.Client.Commands;

using Auction.Tests.Support;
using SiloProcess = Auction.Client.Bench.SiloProcess;

namespace Auction.Tests.Unit.Bench;

public sealed class ClusterBenchTests
{
    [Fact]
    public void Cluster_options_are_checked_with_their_value()
    {
        Assert.Equal("--providers must be 'all' with --cluster (the live providers of the running cluster), got '10'.",
            new BenchAuctionSettings { Cluster = true, Providers = "10" }.Check(out _));
        Assert.Equal("--phases cannot be combined with --cluster: the phases are timed by an in-process call filter.",
            new BenchAuctionSettings { Cluster = true, Phases = true }.Check(out _));
        Assert.Equal("--gateway needs --cluster, got '127.0.0.1:30000'.", new BenchAuctionSettings { Gateway = "127.0.0.1:30000" }.Check(out _));
        Assert.Equal("--connect-timeout must be a finite number of seconds > 0, got 0.", new BenchAuctionSettings { Cluster = true, ConnectTimeout = 0 }.Validate().Message);
        Assert.Equal("--idle-seconds must be a number of seconds in [0, 3600], got -1.", new BenchAuctionSettings { Cluster = true, IdleSeconds = -1 }.Check(out _));
        Assert.Null(new BenchAuctionSettings { Cluster = true, Providers = "all", Auctions = 500, Concurrency = 8, IdleSeconds = 0 }.Check(out var plan));
        Assert.Equal(0, plan!.IdleSeconds);
        Assert.Null(new BenchAuctionSettings { Cluster = true, Providers = "all", Auctions = 500, Concurrency = 8 }.Check(out plan));
        Assert.Equal(20, plan!.IdleSeconds);
        Assert.Empty(plan!.ProviderCounts);
        Assert.Equal(BenchMode.Decision, plan.Mode);
        Assert.Equal(500, plan.Auctions);
    }

    [Fact]
    public void Without_cluster_the_default_provider_counts_stay()
    {
        Assert.Null(new BenchAuctionSettings().Check(out var plan));
        Assert.Equal([10, 50, 100, 200], plan!.ProviderCounts);
    }

    [Fact]
    public void The_command_exits_with_2_when_the_cluster_cannot_be_found()
    {
        string? saved = Environment.GetEnvironmentVariable(DatabaseSettings.ConnectionEnvironmentVariable);
        CliRunner.Result r;
        try
        {
            Environment.SetEnvironmentVariable(DatabaseSettings.ConnectionEnvironmentVariable, null);
            r = CliRunner.Run(null, "bench", "auction", "--cluster");
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatabaseSettings.ConnectionEnvironmentVariable, saved);
        }
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --cluster needs --gateway HOST:PORT or a database: no database given", line);
    }

    [Theory]
    [InlineData("Name:\tdotnet\nVmPeak:\t 9000 kB\nVmRSS:\t  147156 kB\nRssAnon:\t 45512 kB\n", 147156L * 1024)]
    [InlineData("VmRSS: 12 kB", 12L * 1024)]
    [InlineData("Name:\tzombie\nState:\tZ (zombie)\n", null)]
    public void VmRss_is_read_from_the_status_text(string status, long? expected) =>
        Assert.Equal(expected, SiloProcesses.ParseVmRss(status));

    [Fact]
    public void Silo_memory_gives_min_median_max_of_the_providers_and_the_consumer_apart()
    {
        const long MiB = 1048576;
        var memory = SiloMemory.Of(
        [
            new SiloProcess(1, "consumer", null, 220 * MiB, 150 * MiB),
            new SiloProcess(2, "provider", "provider-0", 130 * MiB, 60 * MiB),
            new SiloProcess(3, "provider", "provider-1", 126 * MiB, 70 * MiB),
            new SiloProcess(4, "provider", "provider-2", 140 * MiB, 64 * MiB),
            new SiloProcess(5, "provider", "provider-3", 128 * MiB, 62 * MiB),
        ]);
        Assert.Equal(4, memory.ProviderSilos);
        Assert.Equal(126 * MiB, memory.ProviderMinBytes);
        Assert.Equal(129 * MiB, memory.ProviderMedianBytes); // (128 + 130) / 2
        Assert.Equal(140 * MiB, memory.ProviderMaxBytes);
        Assert.Equal(63 * MiB, memory.ProviderMedianPssBytes); // (62 + 64) / 2
        Assert.Equal([220 * MiB], memory.ConsumerBytes);
    }

    [Fact]
    public void Decision_only_auctions_send_no_flow_messages()
    {
        Assert.Equal(202, ProtocolModel.DecisionOnlyMessagesPerAuction(10));
        Assert.Equal(ProtocolModel.MessagesPerAuction(10) - 2 * 10, ProtocolModel.DecisionOnlyMessagesPerAuction(10));
    }
}
