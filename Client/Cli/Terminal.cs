using Spectre.Console;

namespace Auction.Client.Cli;

/// <summary>
/// A Spectre console bound to the Console.Out of this moment (the static AnsiConsole keeps the writer it first saw,
/// which breaks tests that redirect Console); interactive only when stdout is a terminal.
/// </summary>
public static class Terminal
{
    public static IAnsiConsole Create() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Out),
        Interactive = Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
    });
}
