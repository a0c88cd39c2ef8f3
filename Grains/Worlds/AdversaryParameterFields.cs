using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Auction.Grains.Json;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Grains.Worlds;

/// <summary>
/// The fields of a world's <c>behaviour</c> or <c>reference</c> beyond its own: the adversary kinds' parameters, by
/// the names the adversary registry gives them, so a new kind's parameter is read with no change here. Any other field
/// is refused as unknown, in the words the reader uses for every unknown field.
/// </summary>
internal static class AdversaryParameterFields
{
    /// <summary>
    /// The parameter values <paramref name="fields"/> sets (registry name → value; a null reads as absent), or null
    /// when one of its fields is not a parameter or not a whole number: each such field is named below <paramref name="path"/>.
    /// <paramref name="owner"/> is the object's contract, whose own fields the unknown-field sentence lists.
    /// </summary>
    public static Dictionary<string, int>? Read(JsonObject? fields, JsonTypeInfo owner, string path, WorldProblems problems)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = true;
        foreach (var (name, value) in fields ?? [])
        {
            var at = $"{path}.{StrictJson.Display([new StrictJson.Segment(name, 0)], name)}";
            if (!AdversaryRegistry.Parameters.Any(p => p.Name == name))
            {
                problems.Add(at, $"is not a known field (allowed: {string.Join(", ", Allowed(owner))}), got {StrictJson.Show(value)}.");
                valid = false;
            }
            else if (StrictConverters.WholeInt32Of(value) is { } number)
            {
                values[name] = number;
            }
            else if (value is not null)
            {
                problems.Add(at, $"{StrictConverters.WholeInt32Sentence}, got {StrictJson.Show(value)}.");
                valid = false;
            }
        }
        return valid ? values : null;
    }

    /// <summary>The fields the object may have: its own and every kind's parameters.</summary>
    private static IEnumerable<string> Allowed(JsonTypeInfo owner) =>
        owner.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name)
            .Concat(AdversaryRegistry.Parameters.Select(p => p.Name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}
