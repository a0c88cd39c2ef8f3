namespace Auction.Client.Cli;

/// <summary>
/// The command's stderr and stdin (stdout is the injected <see cref="Spectre.Console.IAnsiConsole"/>): given to the
/// commands through the type registrar, so that tests hand in their own writers instead of swapping the process's.
/// </summary>
public sealed class StandardStreams(TextWriter error, TextReader? input = null)
{
    /// <summary>Errors, warnings, notes: never the command's result, so that stdout stays parseable (--json).</summary>
    public TextWriter Error { get; } = error;

    /// <summary>What "-" reads as text; null reads the process's stdin as raw bytes (see <see cref="Utf8Input"/>).</summary>
    public TextReader? Input { get; } = input;

    /// <summary>Writes one error line and hands back the exit code, for a command's early return.</summary>
    public int Fail(int exitCode, string line)
    {
        Error.WriteLine(line);
        return exitCode;
    }

    /// <summary>The process's own stderr and stdin, as the entry point hands them in.</summary>
    public static StandardStreams OfProcess() => new(Console.Error);
}
