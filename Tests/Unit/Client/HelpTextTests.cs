using Spectre.Console.Cli.Testing;

namespace Auction.Tests.Unit.Client;

/// <summary>
/// Every command's --help renders, exits 0, and shows examples that can be pasted into a shell as they are. Run
/// through Spectre's CommandAppTester on the CLI's own configuration: the help goes to its test console, so these
/// tests swap no global console and may run beside others.
/// </summary>
public sealed class HelpTextTests
{
    private static CommandAppResult Help(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(Auction.Client.Program.Configure(new Auction.Client.Cli.StandardStreams(TextWriter.Null), args));
        return app.Run([.. args, "--help"]);
    }

    public static TheoryData<string> Commands() =>
    [
        "", "score", "db", "db migrate", "experiment", "experiment run", "experiment sweep", "results", "report", "report experiment", "report sweep", "world", "world check", "bench", "bench auction", "bench shaping",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_exits_0_and_its_examples_need_no_quoting(string command)
    {
        var r = Help(command.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("USAGE:", r.Output);
        // A ';' in an example (a connection string) ends the shell command when pasted; the options say how to pass one.
        var examples = r.Output.Split('\n').SkipWhile(l => !l.StartsWith("EXAMPLES:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).ToArray();
        Assert.All(examples, line => Assert.DoesNotContain(";", line));
    }

    [Fact]
    public void Every_branch_has_a_description()
    {
        var r = Help();

        var commands = r.Output.Split('\n').SkipWhile(l => !l.StartsWith("COMMANDS:", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 4 && l[4] != ' ').Select(l => l.Trim()).ToArray();
        Assert.Contains(commands, c => c.StartsWith("bench ", StringComparison.Ordinal));
        Assert.All(commands, c => Assert.Contains(" ", c));
    }
}
