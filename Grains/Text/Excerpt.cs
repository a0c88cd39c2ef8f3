using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Text;

/// <summary>
/// A short one-line rendering of a value someone typed or wrote in a file, for an error message: a megabyte-long
/// value must not become a megabyte-long error line.
/// </summary>
public static class Excerpt
{
    public const int MaxLength = ValueExcerpt.MaxLength;

    /// <summary>The same excerpt the auction parameters' rules show (<see cref="ValueExcerpt"/>), so every message cuts a value alike.</summary>
    public static string Of(string? text) => ValueExcerpt.Of(text);

    /// <summary>One error line at most <paramref name="max"/> characters long: the last guard when a message quotes more than it should.</summary>
    public static string Line(string message, int max = 400)
    {
        message = message.ReplaceLineEndings(" ");
        return message.Length <= max ? message : message[..(max - 3)] + "...";
    }
}
