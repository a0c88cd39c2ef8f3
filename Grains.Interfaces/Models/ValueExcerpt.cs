namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// A short one-line rendering of a value someone typed or wrote in a file, for an error message: a megabyte-long
/// value must not become a megabyte-long error line.
/// </summary>
public static class ValueExcerpt
{
    public const int MaxLength = 60;

    public static string Of(string? text)
    {
        if (text is null) return "";
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxLength ? text : $"{text[..(MaxLength - 3)]}... ({text.Length} characters)";
    }
}
