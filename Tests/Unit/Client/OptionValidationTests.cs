using Auction.Client.Commands;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

/// <summary>
/// Options refused by their settings' Validate(), through the CLI's own configuration on Spectre's CommandAppTester:
/// exit 2, one sentence per bad option naming it and (an excerpt of) the value, nothing on stdout.
/// </summary>
public sealed class OptionValidationTests
{
    private const string Unreached = "Host=127.0.0.1;Port=1;Username=x;Database=x";

    public static TheoryData<string[], string> BadOptions() => new()
    {
        { ["experiment", "run", "--simulated", "--answer-margin", "-1"], "error: --answer-margin must be a finite number of seconds ≥ 0, got -1." },
        { ["experiment", "run", "--simulated", "--slowest-rate", "0"], "error: --slowest-rate must be a rate in MB/s > 0, got 0." },
        { ["experiment", "run", "--simulated", "--min-providers", "-3"], "error: --min-providers must be ≥ 0, got -3." },
        { ["experiment", "run", "--simulated", "--drain-timeout", "NaN"], "error: --drain-timeout must be a finite number of seconds ≥ 0, got NaN." },
        { ["experiment", "run", "--simulated", "--live-within", "0"], "error: --live-within must be a finite number of seconds > 0, got 0." },
        { ["experiment", "run", "--simulated", "--gateway", "127.0.0.1:30000"], "error: --gateway cannot be combined with --simulated, got '127.0.0.1:30000'." },
        { ["experiment", "run", "--gateway", "127.0.0.1:0"], "error: --gateway must be HOST:PORT with an IP address or resolvable host and a port 1..65535, got '127.0.0.1:0'." },
        { ["experiment", "run", "--connection", "Host=x;Nonsense=1"], "error: --connection is not usable: --connection is not a valid Npgsql connection string" },
        { ["experiment", "sweep", "--connection", Unreached, "--config", "sweep.json", "--parallel", "0"], "error: --parallel must be ≥ 1, got 0." },
        { ["experiment", "sweep", "--connection", Unreached], "error: --config is required: the sweep file." },
        { ["experiment", "sweep", "--connection", Unreached, "--config", "sweep.json", "--connect-timeout", "-5"], "error: --connect-timeout must be a finite number of seconds > 0, got -5." },
        { ["results", "--connection", Unreached, "--experiment", "yesterday"], "error: --experiment 'yesterday' is neither a UUID nor 'latest'" },
        { ["report", "last-week", "--connection", Unreached], "error: EXPERIMENT 'last-week' is neither a UUID nor 'latest'" },
        { ["report", "experiment", "last-week", "--connection", Unreached], "error: EXPERIMENT 'last-week' is neither a UUID nor 'latest'" },
        { ["report", "sweep", "grid", "--window", "9..1", "--connection", Unreached], "error: --window must be FROM..TO, request numbers counted from 1 with 1 ≤ FROM ≤ TO, got '9..1'" },
        { ["report", "sweep", "grid", "--window", "0..5", "--connection", Unreached], "error: --window must be FROM..TO, request numbers counted from 1 with 1 ≤ FROM ≤ TO, got '0..5'" },
        { ["report", "sweep", "grid", "--metric", "speed", "--connection", Unreached], "error: --metric must be 'faulty-win-share' or 'mean-rating', got 'speed'" },
        { ["report", "sweep", "--connection", Unreached], "error: SWEEP is required: the sweep's id or name, got nothing." },
        { ["report", "--sweep", "grid", "--connection", Unreached], "error: Unknown option 'sweep'." },
        { ["db", "migrate", "--connection", "Host=x;Nonsense=1"], "error: --connection is not a valid Npgsql connection string" },
        { ["bench", "auction", "--mode", "fast"], "error: --mode must be 'decision' or 'flow', got 'fast'." },
        { ["bench", "auction", "--cluster", "--gateway", "nowhere"], "error: --gateway must be HOST:PORT with an IP address or resolvable host and a port 1..65535, got 'nowhere'." },
        { ["bench", "shaping", "--repeat", "0"], "error: --repeat must be a whole number from 1 to 50, got 0." },
        { ["score"], "error: SCENARIO is required: a scenario JSON file, or - for stdin, got nothing." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void A_bad_option_exits_2_with_one_sentence_naming_it(string[] args, string expectedStart)
    {
        var r = CliRunner.Run(null, args);

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_megabyte_gateway_is_echoed_as_an_excerpt()
    {
        var r = CliRunner.Run(null, "experiment", "run", "--gateway", new string('g', 1 << 20));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"'{new string('g', 57)}... ({1 << 20} characters)'", line, StringComparison.Ordinal);
        Assert.True(line.Length <= 400, $"{line.Length}-character line");
    }

    [Fact]
    public void Every_bad_option_of_a_command_is_reported_at_once()
    {
        var r = CliRunner.Run(null, "experiment", "sweep", "--connection", Unreached, "--parallel", "0", "--connect-timeout", "0", "--gateway", "x");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(
        [
            "error: --gateway must be HOST:PORT with an IP address or resolvable host and a port 1..65535, got 'x'.",
            "error: --connect-timeout must be a finite number of seconds > 0, got 0.",
            "error: --config is required: the sweep file.",
            "error: --parallel must be ≥ 1, got 0.",
        ], r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("sweep")]
    public void Run_and_sweep_share_one_connect_timeout_default(string command)
    {
        var settings = command == "run" ? (ClusterConnectionSettings)new ExperimentRunSettings() : new ExperimentSweepSettings();
        var help = CliRunner.Run(null, "experiment", command, "--help");

        Assert.Equal(60, settings.ConnectTimeout);
        Assert.Contains("--connect-timeout", help.Out, StringComparison.Ordinal);
        Assert.Contains("The default is the longer, safer wait", help.Out, StringComparison.Ordinal);
        Assert.Contains("--gateway", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_settings_validate_themselves_naming_every_bad_option()
    {
        var bad = new ExperimentRunSettings { Simulated = true, AnswerMargin = double.NaN, SlowestRate = -1 }.Validate();
        var good = new ExperimentRunSettings { Simulated = true, Gateway = null }.Validate();

        Assert.False(bad.Successful);
        Assert.Equal("--answer-margin must be a finite number of seconds ≥ 0, got NaN.\n--slowest-rate must be a rate in MB/s > 0, got -1.", bad.Message);
        Assert.True(good.Successful, good.Message);
    }

    [Fact]
    public void A_gateway_the_settings_accepted_is_the_endpoint_they_hand_on()
    {
        var settings = new ExperimentSweepSettings { Gateway = "127.0.0.1:30123", ClusterId = "c1", ServiceId = "s1", Config = "sweep.json", Connection = Unreached };

        Assert.True(settings.Validate().Successful);
        var endpoint = settings.Endpoint(settings.ConnectionString);
        Assert.Equal("127.0.0.1:30123", endpoint.Gateway!.ToString());
        Assert.Equal(("c1", "s1", Unreached), (endpoint.ClusterId, endpoint.ServiceId, endpoint.ConnectionString));
    }
}
