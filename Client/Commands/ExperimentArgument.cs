using Auction.Client.Cli;
using Spectre.Console;

namespace Auction.Client.Commands;

/// <summary>An experiment named on the command line (<c>results --experiment</c>, <c>report experiment EXPERIMENT</c>): its UUID, or 'latest'.</summary>
public static class ExperimentArgument
{
    /// <summary>Success with the id (null for 'latest', the most recently started), or one sentence naming <paramref name="name"/>.</summary>
    public static ValidationResult Parse(string text, string name, out Guid? id)
    {
        id = null;
        if (string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase)) return ValidationResult.Success();
        if (!Guid.TryParse(text, out var parsed)) return ValidationResult.Error($"{name} '{Excerpt.Of(text)}' is neither a UUID nor 'latest'");
        id = parsed;
        return ValidationResult.Success();
    }
}
