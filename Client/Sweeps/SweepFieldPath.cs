using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Auction.Client.Sweeps;

/// <summary>
/// Sets a field of a sweep's experiment by its path: dotted names (<c>parameters.tau</c>), each optionally followed by
/// array indexes (<c>world.providers[4].schedule[0].at_request</c>). Missing objects on the way are created; an
/// index must name an element that is there.
/// </summary>
public static partial class SweepFieldPath
{
    [GeneratedRegex(@"^(?<name>[^\[\]]+)(?:\[(?<index>\d{1,9})\])*$")]
    private static partial Regex Segment();

    /// <summary>Sets <paramref name="path"/> in <paramref name="root"/> to <paramref name="value"/>; null when done, else the sentence (after the path) saying why not.</summary>
    public static string? Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode current = root;
        var walked = "";
        for (var p = 0; p < parts.Length; p++)
        {
            var match = Segment().Match(parts[p]);
            if (!match.Success) return $"is not a field path (names, each optionally followed by [index], joined by dots), got '{Cli.Excerpt.Of(path)}'.";
            var name = match.Groups["name"].Value;
            var indexes = match.Groups["index"].Captures.Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToArray();
            var last = p == parts.Length - 1;
            var obj = (JsonObject)current;
            walked = walked.Length == 0 ? name : $"{walked}.{name}";
            if (indexes.Length == 0)
            {
                if (last)
                {
                    obj[name] = value;
                    return null;
                }
                if (obj[name] is not JsonObject next)
                {
                    if (obj[name] is not null) return $"goes through {walked}, which is not an object.";
                    next = new JsonObject();
                    obj[name] = next;
                }
                current = next;
                continue;
            }

            var node = obj[name];
            for (var i = 0; i < indexes.Length; i++)
            {
                if (node is not JsonArray array) return $"goes through {walked}, which is not an array.";
                if (indexes[i] >= array.Count) return $"names {walked}[{indexes[i]}], but {walked} has {array.Count} element(s).";
                walked += $"[{indexes[i]}]";
                if (last && i == indexes.Length - 1)
                {
                    array[indexes[i]] = value;
                    return null;
                }
                node = array[indexes[i]];
            }
            if (node is not JsonObject element) return $"goes through {walked}, which is not an object.";
            current = element;
        }
        return null;
    }
}
