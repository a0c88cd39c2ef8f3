using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Auction.Client.Cli;

/// <summary>
/// Turns the command-line parser's errors into one sentence that names the option: the parser's own conversion
/// message ("Failed to convert 'abc' to Nullable`1.") names neither the option nor what it wants.
/// </summary>
public static partial class CommandLineErrors
{
    [GeneratedRegex("^Failed to convert '(?<value>.*)' to (?<type>[^ ]+)\\.$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailed();

    [GeneratedRegex("'(?<quoted>[^']{61,})'", RegexOptions.Singleline)]
    private static partial Regex LongQuote();

    [GeneratedRegex("^.{57}\\.\\.\\. \\(\\d+ characters\\)$", RegexOptions.Singleline)]
    private static partial Regex AnExcerpt();

    public static string Describe(CommandAppException e, IReadOnlyList<string> args)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        var match = ConversionFailed().Match(message);
        if (match.Success)
        {
            var value = match.Groups["value"].Value;
            var option = OptionGiven(value, args);
            var wanted = option is null ? null : Wanted(option);
            if (option is not null)
                return $"{option} must be {wanted ?? "a value of another kind (see --help)"}, got '{Excerpt.Of(value)}'.";
        }

        // a quote that is already an excerpt (a settings' Validate() made it) stays as it is
        return LongQuote().Replace(message, m => AnExcerpt().IsMatch(m.Groups["quoted"].Value) ? m.Value : $"'{Excerpt.Of(m.Groups["quoted"].Value)}'");
    }

    /// <summary>The option (as typed) whose value is <paramref name="value"/>: "--seed abc", "--seed=abc" or "--seed:abc".</summary>
    private static string? OptionGiven(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == value && i > 0 && args[i - 1].StartsWith('-')) return args[i - 1];
            foreach (var separator in new[] { '=', ':' })
            {
                var at = args[i].IndexOf(separator);
                if (args[i].StartsWith('-') && at > 0 && args[i][(at + 1)..] == value) return args[i][..at];
            }
        }

        return null;
    }

    /// <summary>What the option takes, from the type of the settings property that declares it.</summary>
    private static string? Wanted(string option)
    {
        var name = option.TrimStart('-');
        var property = typeof(CommandLineErrors).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties())
            .FirstOrDefault(p => p.GetCustomAttribute<CommandOptionAttribute>() is { } a
                                 && (a.LongNames.Contains(name) || a.ShortNames.Contains(name)));
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            null => null,
            _ when type == typeof(int) => $"a whole number between {int.MinValue} and {int.MaxValue}",
            _ when type == typeof(long) => "a whole number",
            _ when type == typeof(double) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ => $"a {type.Name}",
        };
    }
}
