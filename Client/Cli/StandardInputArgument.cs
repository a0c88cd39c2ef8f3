namespace Auction.Client.Cli;

/// <summary>
/// The conventional <c>-</c> argument ("read standard input"). Spectre.Console.Cli's tokenizer rejects a lone
/// <c>-</c> as an option without a name (even after <c>--</c>), so <see cref="Protect"/> swaps it for a
/// placeholder before parsing, and commands test their argument with <see cref="IsStandardInput"/>.
/// </summary>
public static class StandardInputArgument
{
    /// <summary>What a lone <c>-</c> reaches the commands as.</summary>
    public const string Placeholder = "<stdin>";

    public static string[] Protect(string[] args) => args.Select(a => a == "-" ? Placeholder : a).ToArray();

    public static bool IsStandardInput(string? argument) => argument is "-" or Placeholder;
}
