using Auction.Client.Cli;
using Auction.Grains.Persistence;
using Spectre.Console;

namespace Auction.Client.Commands;

/// <summary>An experiment named on the command line (<c>results --experiment</c>, <c>report EXPERIMENT</c>): its UUID, or 'latest'.</summary>
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

    /// <summary>The experiment <paramref name="id"/> names (the latest when null), or null with the error line saying why.</summary>
    public static async Task<(ExperimentRow? Experiment, string? Error)> FindAsync(ExperimentStore store, Guid? id, string name, CancellationToken ct)
    {
        var experiment = id is { } wanted ? await store.GetAsync(wanted, ct) : await store.GetLatestAsync(ct);
        if (experiment is not null) return (experiment, null);
        return (null, id is null ? "error: the database holds no experiment yet" : $"error: {name} {id}: no experiment with that id");
    }
}
