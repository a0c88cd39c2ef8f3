using System.Globalization;
using Auction.Grains.Json;
using Auction.Grains.Text;

namespace Auction.Grains.Worlds;

/// <summary>The problems a world file has so far, each a field path and a sentence naming its value; every check adds to it and reading goes on.</summary>
internal sealed class WorldProblems(List<JsonProblem> problems)
{
    public IReadOnlyList<JsonProblem> All => problems;

    public void Add(string path, string sentence) => problems.Add(new JsonProblem(path, sentence));

    /// <summary>Whether a problem was already found at <paramref name="path"/> or below it (a value of the wrong type, say).</summary>
    public bool Has(string path) => problems.Any(p =>
        p.Path == path || (p.Path.StartsWith(path, StringComparison.Ordinal) && p.Path.Length > path.Length && p.Path[path.Length] is '.' or '['));

    /// <summary>Names a required field left out, unless its value was refused already (it then reads as absent).</summary>
    public void Missing(string path)
    {
        if (!Has(path)) Add(path, "is required but missing.");
    }

    /// <summary>A number as messages show it: shortest round-trip form, invariant culture.</summary>
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A text value as messages show it: quoted, cut to an excerpt.</summary>
    public static string Quoted(string value) => $"\"{Excerpt.Of(value)}\"";
}
