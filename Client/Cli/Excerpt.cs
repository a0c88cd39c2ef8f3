using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Cli;

/// <summary>The CLI's name for <see cref="Grains.Text.Excerpt"/>, which moved to Grains so that the silo's readers share it.</summary>
public static class Excerpt
{
    public const int MaxLength = Grains.Text.Excerpt.MaxLength;

    public static string Of(string? text) => Grains.Text.Excerpt.Of(text);

    public static string Line(string message, int max = 400) => Grains.Text.Excerpt.Line(message, max);
}
