using Auction.Tests.Unit.Client;
using Auction.Client.Bench;
using Auction.Client.Bench.Commands;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Bench;

public sealed class ShapingOptionsTests
{
    [Theory]
    [InlineData("1,x", "--rates must be a comma-separated list of MB/s in (0, 1000], got '1,x' ('x' is not one).")]
    [InlineData("0", "--rates must be a comma-separated list of MB/s in (0, 1000], got '0' ('0' is not one).")]
    [InlineData("5,2000", "--rates must be a comma-separated list of MB/s in (0, 1000], got '5,2000' ('2000' is not one).")]
    public void A_bad_rate_list_is_named_with_its_value(string rates, string expected) =>
        Assert.Equal(expected, new BenchShapingSettings { Rates = rates }.Check(out _));

    [Fact]
    public void Other_bad_options_and_good_ones()
    {
        Assert.Equal("--seconds must be in (0, 60], got 0.", new BenchShapingSettings { Seconds = 0 }.Check(out _));
        Assert.Equal("--prefix must be 1-10 lower-case letters or digits starting with a letter, got 'Bad-1'.", new BenchShapingSettings { Prefix = "Bad-1" }.Check(out _));
        Assert.Equal("--subnet must be a /24 written A.B.C.0/24, got '10.81.0.0/16'.", new BenchShapingSettings { Subnet = "10.81.0.0/16" }.Check(out _));
        Assert.Null(new BenchShapingSettings { Rates = " 1, 2.5 ,100" }.Check(out var rates));
        Assert.Equal([1, 2.5, 100], rates);
    }

    [Fact]
    public void The_flow_sizes_default_to_1_4_and_64_MB_and_a_bad_one_is_named()
    {
        var settings = new BenchShapingSettings();
        Assert.Null(settings.Check(out _));
        Assert.Equal([1, 4, 64], settings.SizesMb);
        Assert.Equal("--sizes must be a comma-separated list of MB in (0, 10000], got '1,-4' ('-4' is not one).",
            new BenchShapingSettings { Sizes = "1,-4" }.Check(out _));
    }

    [Fact]
    public void Repeat_is_1_to_50_and_a_figure_is_the_median_of_its_repeats_with_their_range()
    {
        Assert.Equal("--repeat must be a whole number from 1 to 50, got 0.", new BenchShapingSettings { Repeat = 0 }.Check(out _));
        Assert.Null(new BenchShapingSettings { Repeat = 5 }.Check(out _));
        Assert.Equal(38.0, ShapingFigure.Median([41.0, 30.0, 38.0]));
        Assert.Equal(39.0, ShapingFigure.Median([41.0, 30.0, 38.0, 40.0])); // (38 + 40) / 2
        Assert.Equal("0.750-1.025", ShapingFigure.Range([41.0, 30.0, 38.0], 40));
        Assert.Null(ShapingFigure.Range([], 40));
    }

    [Fact]
    public void The_command_exits_with_2_and_one_line_on_a_bad_option()
    {
        var r = CliRunner.Run(null, "bench", "shaping", "--rates", "fast");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(["error: --rates must be a comma-separated list of MB/s in (0, 1000], got 'fast' ('fast' is not one)."],
            r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_lab_provider_line_is_parsed()
    {
        var line = ShapingBenchmark.ParseProvider("bridge ...\nprovider index=0 netns=bsh1-p0 interface=eth0 address=10.81.0.10 bridge=bsh1-br consumer=10.81.0.1\n");
        Assert.Equal(new LabProviderLine("bsh1-p0", "eth0", "10.81.0.10"), line);
        Assert.Null(ShapingBenchmark.ParseProvider("nothing here"));
    }
}
