using System.Text;
using Auction.Client.Cli;
using Auction.Client.Display;
using Auction.Grains.Persistence;
using Spectre.Console;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

/// <summary>The inputs that once crashed the CLI or flooded stderr: each ends in exit 2 and one sentence naming the option or field.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("auction-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private CliRunner.Result Check(string json) =>
        CliRunner.Run(null, "experiment", "run", "--check", "--config", Write("config.json", Encoding.UTF8.GetBytes(json)));

    private static void AssertRejected(CliRunner.Result result, string expectedStart)
    {
        Assert.Equal(2, result.ExitCode);
        var first = result.Error.Split('\n')[0];
        Assert.StartsWith(expectedStart, first, StringComparison.Ordinal);
        Assert.All(result.Error.Split('\n'), line => Assert.True(line.Length <= 400, $"{line.Length}-character line"));
    }

    [Theory]
    [InlineData("--seed", "abc", "error: --seed must be a whole number between -2147483648 and 2147483647, got 'abc'.")]
    [InlineData("--count", "abc", "error: --count must be a whole number")]
    [InlineData("--count", "99999999999", "error: --count must be a whole number")]
    [InlineData("--time-scale", "fast", "error: --time-scale must be a number, got 'fast'.")]
    public void An_option_that_does_not_convert_is_named(string option, string value, string expected) =>
        AssertRejected(CliRunner.Run(null, "experiment", "run", "--check", option, value), expected);

    [Fact]
    public void A_count_beyond_the_limit_is_rejected_before_anything_is_generated() =>
        AssertRejected(CliRunner.Run(null, "experiment", "run", "--check", "--count", "1000000"),
            "error: --count must be at most 100000, got 1000000.");

    [Fact]
    public void A_megabyte_strategy_is_echoed_as_sixty_characters()
    {
        var result = CliRunner.Run(null, "experiment", "run", "--check", "--strategy", new string('s', 1 << 20));
        AssertRejected(result, "error: --strategy must be");
        Assert.Contains($"'{new string('s', 57)}... ({1 << 20} characters)'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ten_megabyte_name_is_refused_with_its_length()
    {
        var result = CliRunner.Run(null, "experiment", "run", "--check", "--name", new string('n', 10 << 20));
        AssertRejected(result, "error: --name must be at most 200 characters");
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("{\"requests\": {\"interval_s\": 1e308}}", "error: requests.interval_s.mean must be at most 86400, got 1E+308.")]
    [InlineData("{\"requests\": {\"interval_s\": 1e9}}", "error: requests.interval_s.mean must be at most 86400, got 1000000000.")]
    [InlineData("{\"qos\": {\"uplink\": 1e308}}", "error: qos.uplink.mean must be at most 100000, got 1E+308.")]
    [InlineData("{\"requests\": {\"interval_s\": 60}, \"time_scale\": 10000}", "error: time_scale times requests.interval_s.highest (60) must be at most 86400 s")]
    public void Values_that_overflow_a_wait_or_a_rate_are_refused(string json, string expected) =>
        AssertRejected(Check(json), expected);

    [Fact]
    public void A_config_that_is_not_utf8_is_refused_with_the_byte_offset()
    {
        byte[] bytes = [.. "{\"name\": \"ab"u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()];
        var result = CliRunner.Run(null, "experiment", "run", "--check", "--config", Write("latin.json", bytes));
        AssertRejected(result, "error: --config '");
        Assert.Contains("is not UTF-8: invalid byte 0xC3 at byte offset 12.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_that_is_not_utf8_is_refused_with_the_byte_offset()
    {
        byte[] bytes = [.. "{\"now_ms\": 1, \"x\": \""u8.ToArray(), 0xFF, .. "\"}"u8.ToArray()];
        var result = CliRunner.Run(null, "score", Write("scenario.json", bytes));
        AssertRejected(result, "error: SCENARIO '");
        Assert.Contains("invalid byte 0xFF at byte offset 20.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_with_more_providers_than_the_limit_is_refused_before_scoring()
    {
        var providers = string.Join(',', Enumerable.Range(0, InputLimits.MaxProviders + 1).Select(i => $"{{\"id\": \"p{i}\", \"price\": 0.1}}"));
        var json = $"{{\"now_ms\": 1, \"qos\": {{\"price\": 1, \"uplink\": 1, \"downlink\": 1, \"mu\": 1, \"delta\": 1, \"epsilon\": 1, \"flow_size\": 1}}, \"providers\": [{providers}]}}";
        AssertRejected(CliRunner.Run(json, "score", "-"), $"error: providers must hold at most {InputLimits.MaxProviders} providers, got {InputLimits.MaxProviders + 1}.");
    }

    [Fact]
    public void A_scenario_file_beyond_the_size_limit_is_not_read()
    {
        var path = Write("huge.json", new byte[InputLimits.MaxFileBytes + 1]);
        AssertRejected(CliRunner.Run(null, "score", path), $"error: SCENARIO '{path}' is {InputLimits.MaxFileBytes + 1} bytes, more than the limit");
    }

    [Fact]
    public void A_scenario_uplink_of_1e308_is_refused_not_rated_zero()
    {
        var scenario = File.ReadAllText(CliRunner.Example("scenario-3.json"));
        var mutated = System.Text.RegularExpressions.Regex.Replace(scenario, "\"uplink\":\\s*[0-9.]+", "\"uplink\": 1e308", default, TimeSpan.FromSeconds(1));
        Assert.NotEqual(scenario, mutated);
        AssertRejected(CliRunner.Run(mutated, "score", "-"), "error: qos.uplink must be in [0, 100000], got 1E+308.");
    }

    [Fact]
    public void The_help_states_the_limits()
    {
        var result = CliRunner.Run(null, "experiment", "run", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("100000 requests", result.Out, StringComparison.Ordinal);
        Assert.Contains("1000 providers", result.Out, StringComparison.Ordinal);
        Assert.Contains("4 MiB", CliRunner.Run(null, "score", "--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_without_transactions_renders()
    {
        var experiment = new ExperimentRow(Guid.NewGuid(), "empty", "auction", 1, "{}", DateTimeOffset.UnixEpoch, null, ExperimentStatus.Completed);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Write(SummaryTable.Create(experiment, []));
        Assert.Contains("(no transactions)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("transactions", output.ToString(), StringComparison.Ordinal);
    }
}
