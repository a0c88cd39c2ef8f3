namespace Auction.Tests.Unit.Client;

/// <summary>Every command's --help renders, exits 0, and shows examples that can be pasted into a shell as they are.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class HelpTextTests
{
    public static TheoryData<string> Commands() =>
    [
        "", "score", "db", "db migrate", "experiment", "experiment run", "results", "report", "bench", "bench auction", "bench shaping",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_exits_0_and_its_examples_need_no_quoting(string command)
    {
        var r = CliRunner.Run(null, [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("USAGE:", r.Out);
        // A ';' in an example (a connection string) ends the shell command when pasted; the options say how to pass one.
        var examples = r.Out.Split('\n').SkipWhile(l => !l.StartsWith("EXAMPLES:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).ToArray();
        Assert.All(examples, line => Assert.DoesNotContain(";", line));
    }

    [Fact]
    public void Every_branch_has_a_description()
    {
        var r = CliRunner.Run(null, "--help");

        var commands = r.Out.Split('\n').SkipWhile(l => !l.StartsWith("COMMANDS:", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 4 && l[4] != ' ').Select(l => l.Trim()).ToArray();
        Assert.Contains(commands, c => c.StartsWith("bench ", StringComparison.Ordinal));
        Assert.All(commands, c => Assert.Contains(" ", c));
    }
}
