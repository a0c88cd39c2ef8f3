using Spectre.Console;

namespace Auction.Client.Cli;

/// <summary>Plain lines on an <see cref="IAnsiConsole"/>: no markup and no wrapping at the console's width (JSON, ids, paths).</summary>
public static class ConsoleText
{
    public static void WriteText(this IAnsiConsole console, string line)
    {
        console.Profile.Out.Writer.WriteLine(line);
        console.Profile.Out.Writer.Flush();
    }
}
