
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

/// <summary>`experiment run` refusing bad input and unreachable clusters, through the CLI entry point.</summary>
public class ExperimentRunCommandTests
{
    private static string TempConfig(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"auction-experiment-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string[] ErrorLines(CliRunner.Result r) =>
        r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void A_config_with_many_bad_fields_exits_2_listing_all_of_them_before_connecting()
    {
        var config = TempConfig("""
            {"strategy": "fastest", "buy_event_count": -5, "downlink_std_dev": -1, "mu_lowest": 0.9, "mu_highest": 0.2,
             "flow_size_mean": "lots", "price_mean": "NaN"}
            """);
        try
        {
            // --gateway to a port nobody listens on: validation must fail before any attempt to connect.
            var r = CliRunner.Run(null, "experiment", "run", "--config", config, "--gateway", "127.0.0.1:1", "--connection", "Host=127.0.0.1;Port=1;Username=x;Database=x");

            Assert.Equal(2, r.ExitCode);
            Assert.Equal(
            [
                "error: strategy must be auction, naive, random, cheapest, a comma list of them, 'both' or 'all', got 'fastest'.",
                "error: price_mean must be a finite number, got \"NaN\".",
                "error: flow_size_mean must be a number, got \"lots\".",
                "error: buy_event_count must be > 0, got -5.",
                "error: downlink_std_dev must be ≥ 0, got -1.",
                "error: mu_lowest must not exceed mu_highest (0.2), got 0.9.",
            ], ErrorLines(r));
            Assert.Contains("6 error(s) in the experiment's configuration; nothing was sent.", r.Error);
            Assert.Equal("", r.Out);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Bad_options_are_reported_together_before_the_config_is_read()
    {
        var r = CliRunner.Run(null, "experiment", "run", "--simulated", "--config", "/nonexistent/experiment.json",
            "--max-failed-share", "1.5", "--simulated-providers", "1", "--connect-timeout", "0");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(
        [
            "error: --connect-timeout must be a finite number of seconds > 0, got 0.",
            "error: --simulated-providers must be ≥ 2, got 1.",
            "error: --max-failed-share must be between 0 and 1, got 1.5.",
        ], ErrorLines(r));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Options_that_override_config_fields_are_reported_together_with_bad_config_fields()
    {
        var config = TempConfig("""{"buy_event_count": -5}""");
        try
        {
            var r = CliRunner.Run(null, "experiment", "run", "--simulated", "--config", config, "--concurrency", "0", "--time-scale", "NaN",
                "--strategy", "both,slowest");

            Assert.Equal(2, r.ExitCode);
            Assert.Equal(
            [
                "error: --strategy must be auction, naive, random, cheapest, a comma list of them, 'both' or 'all', got 'both,slowest'.",
                "error: buy_event_count must be > 0, got -5.",
                "error: --concurrency must be ≥ 1, got 0.",
                "error: --time-scale must be a finite number ≥ 0, got NaN.",
            ], ErrorLines(r));
            Assert.Contains("4 error(s) in the experiment's configuration; nothing was sent.", r.Error);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Unknown_provider_ids_exit_2_naming_them_and_nothing_runs()
    {
        var r = CliRunner.Run(null, "experiment", "run", "--simulated", "--simulated-providers", "3", "--providers", "provider-0,provider-7,mock-id-1",
            "--count", "3", "--time-scale", "0");

        Assert.Equal(2, r.ExitCode);
        var error = Assert.Single(ErrorLines(r));
        Assert.Equal("error: --providers names unknown provider id(s) 'provider-7', 'mock-id-1'; the cluster has provider-0, provider-1, provider-2.", error);
        Assert.DoesNotContain("firing", r.Out);
    }

    [Fact]
    public void An_unreachable_gateway_exits_3_with_one_line_within_the_connect_timeout()
    {
        var port = FreePort.Next();
        var r = CliRunner.Run(null, "experiment", "run", "--gateway", $"127.0.0.1:{port}", "--connect-timeout", "3", "--count", "1");

        Assert.Equal(3, r.ExitCode);
        var error = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: cannot connect to gateway 127.0.0.1:{port} (cluster 'auction', service 'auction') within 3 s:", error);
    }

    [Fact]
    public void A_simulated_run_without_a_database_summarises_from_memory_as_json()
    {
        var r = CliRunner.Run(null, "experiment", "run", "--simulated", "--simulated-providers", "4", "--config", CliRunner.Example("experiment.json"),
            "--count", "6", "--strategy", "auction,cheapest", "--time-scale", "0", "--consumers", "2", "--concurrency", "2", "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = System.Text.Json.JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal("completed", root.GetProperty("experiment").GetProperty("status").GetString());
        Assert.Equal("auction,cheapest", root.GetProperty("experiment").GetProperty("strategy").GetString());
        Assert.Equal("memory", root.GetProperty("summary_source").GetString());
        Assert.Equal(12, root.GetProperty("fired").GetInt32());
        var strategies = root.GetProperty("strategies").EnumerateArray().ToArray();
        Assert.Equal(["auction", "cheapest"], strategies.Select(s => s.GetProperty("strategy").GetString()));
        Assert.All(strategies, s => Assert.Equal(6, s.GetProperty("transactions").GetInt32()));
        // cheapest always takes provider-0 (ask 0.2, honest in a 4-provider topology): full rating needs ≥ the requested speed, never a faulty winner.
        Assert.Equal(0.0, strategies[1].GetProperty("faulty_win_share").GetDouble());
        Assert.Equal(0.2, strategies[1].GetProperty("mean_price_paid").GetDouble(), 1e-12);
    }

    [Theory]
    [InlineData("experiment", "run")]
    [InlineData("report", "experiment")]
    [InlineData("report", "sweep")]
    [InlineData("results")]
    public void Help_shows_an_example(params string[] command)
    {
        var r = CliRunner.Run(null, [.. command, "--help"]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("EXAMPLES:", r.Out);
        Assert.Contains("Exit 0 ok", r.Out);
    }
}
