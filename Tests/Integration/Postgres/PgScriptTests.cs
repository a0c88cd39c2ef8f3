using Auction.Grains.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>infra/postgres/pg.sh's one option parser: help for every sub-command, one sentence and exit 2 for bad input.</summary>
public sealed class PgScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly string ScriptPath = RepositoryRoot.Combine("infra", "postgres", "pg.sh");

    private static Task<ProcessOutput> RunAsync(string arguments) =>
        ExternalProcess.RunAsync("bash", [ScriptPath, .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)], Timeout, CancellationToken.None);

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("start --help")]
    [InlineData("app --dir /nonexistent -h")]
    public async Task Help_prints_the_usage_and_exits_0(string arguments)
    {
        var output = await RunAsync(arguments);

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("pg.sh start  --dir DIR --port PORT", output.StandardOutput);
        Assert.Contains("pg.sh status --dir DIR", output.StandardOutput);
    }

    [Theory]
    [InlineData("", "a command is needed")]
    [InlineData("frobnicate --dir /x", "unknown command 'frobnicate'")]
    [InlineData("stop --dir /x --port 5432", "stop does not take --port (it takes --dir)")]
    [InlineData("status", "status needs --dir DIR")]
    [InlineData("start --dir /x --port", "--port needs a value")]
    [InlineData("stop --dir /x extra", "unexpected argument 'extra' for stop")]
    [InlineData("stop --dir /x -- -c 1", "stop takes no -- PSQL-ARGS")]
    [InlineData("app --dir /x --user auction", "app needs --database DB")]
    [InlineData("start --dir /x --port 5432 --allow 10.1.2.0/24", "--allow goes with --also-listen")]
    public async Task Bad_input_is_one_sentence_and_exit_2(string arguments, string expected)
    {
        var output = await RunAsync(arguments);

        Assert.Equal(2, output.ExitCode);
        Assert.Contains(expected, output.StandardError);
        Assert.Single(output.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(output.StandardOutput);
    }

    [Fact]
    public async Task An_empty_command_is_an_unknown_one()
    {
        var output = await ExternalProcess.RunAsync("bash", [ScriptPath, ""], Timeout, CancellationToken.None);

        Assert.Equal(2, output.ExitCode);
        Assert.Equal("pg.sh: unknown command '' (start, app, psql, stop, status)", output.StandardError.Trim());
    }

    [Fact]
    public async Task A_long_bad_value_is_quoted_as_an_excerpt()
    {
        var output = await RunAsync("start --dir /x --port " + new string('9', 200) + "x");

        Assert.Equal(2, output.ExitCode);
        Assert.Contains("--port must be a number 1-65535, got '" + new string('9', 57) + "...'", output.StandardError);
        Assert.True(output.StandardError.Length < 160, output.StandardError);
    }
}
