using Auction.Client.Cli;
using Auction.Tests.Support;
using Spectre.Console.Cli.Testing;

namespace Auction.Tests.Support;

/// <summary>
/// Runs the client CLI in-process through Spectre's CommandAppTester on the CLI's own configuration: stdout is the
/// tester's TestConsole, stderr and stdin are this call's own writers, so nothing global is swapped.
/// </summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(string? stdin, params string[] args)
    {
        var error = new StringWriter();
        // synchronized: an interrupt or a request finishing on another thread writes to stderr too
        var streams = new StandardStreams(TextWriter.Synchronized(error), new StringReader(stdin ?? ""));
        var app = new CommandAppTester(settings: new CommandAppTesterSettings { TrimConsoleOutput = false });
        app.Configure(Auction.Client.Program.Configure(streams, args));
        var result = app.Run(StandardInputArgument.Protect(args));
        return new Result(result.ExitCode, result.Output, error.ToString());
    }

    public static string Example(string name) => RepositoryRoot.Combine("examples", name);
}
