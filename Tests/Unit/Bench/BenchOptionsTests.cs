using Auction.Client.Bench.Commands;
using Auction.Tests.Unit.Client;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Bench;

public sealed class BenchOptionsTests
{
    [Theory]
    [InlineData("10,abc", "--providers must be a comma-separated list of integers in [2, 2000], got '10,abc' ('abc' is not one).")]
    [InlineData("1", "--providers must be a comma-separated list of integers in [2, 2000], got '1' ('1' is not one).")]
    [InlineData("10,,50", "--providers must be a comma-separated list of integers in [2, 2000], got '10,,50' ('' is not one).")]
    public void A_bad_provider_list_is_named_with_its_value(string providers, string expected)
    {
        Assert.Equal(expected, new BenchAuctionSettings { Providers = providers }.Check(out var plan));
        Assert.Null(plan);
    }

    [Fact]
    public void Other_bad_options_are_named_with_their_value()
    {
        Assert.Equal("--mode must be 'decision' or 'flow', got 'fast'.", new BenchAuctionSettings { Mode = "fast" }.Check(out _));
        Assert.Equal("--concurrency must be in [1, 1024], got 0.", new BenchAuctionSettings { Concurrency = 0 }.Check(out _));
        Assert.Equal("--auctions must be ≥ 1, got 0.", new BenchAuctionSettings { Auctions = 0 }.Check(out _));
        Assert.Equal("--warmup must be ≥ 0, got -1.", new BenchAuctionSettings { Warmup = -1 }.Check(out _));
    }

    [Fact]
    public void Good_options_make_a_plan()
    {
        Assert.Null(new BenchAuctionSettings { Providers = " 10, 50 ", Mode = "flow", Concurrency = 4 }.Check(out var plan));
        Assert.Equal([10, 50], plan!.ProviderCounts);
        Assert.Equal(Auction.Client.Bench.BenchMode.Flow, plan.Mode);
        Assert.Equal(4, plan.Concurrency);
        Assert.Equal(200, plan.Auctions);
        Assert.Equal(20, plan.Warmup);
    }

    [Fact]
    public void The_command_exits_with_2_and_one_line_on_a_bad_provider_list()
    {
        var r = CliRunner.Run(null, "bench", "auction", "--providers", "10,abc");

        Assert.Equal(2, r.ExitCode);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(["error: --providers must be a comma-separated list of integers in [2, 2000], got '10,abc' ('abc' is not one)."], lines);
        Assert.Equal("", r.Out);
    }
}
