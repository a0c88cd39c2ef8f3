using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Auction.Client.Scoring;

/// <summary>
/// Writes a <see cref="ScenarioResult"/> as indented JSON. Numbers use System.Text.Json's double formatting,
/// the shortest text that parses back to the same double (round-trip), so no precision is lost.
/// </summary>
public static class ScenarioResultWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(ScenarioResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("aggregator", result.Aggregator);
            WriteMatrix(writer, "scores", result.Scores);
            WriteMatrix(writer, "consensus", result.Consensus);
            writer.WritePropertyName("final");
            WriteVector(writer, result.Final);
            if (result.Winner is null) writer.WriteNull("winner");
            else writer.WriteString("winner", result.Winner);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMatrix(Utf8JsonWriter writer, string name, SortedDictionary<string, SortedDictionary<string, double>> matrix)
    {
        writer.WriteStartObject(name);
        foreach (var (row, vector) in matrix)
        {
            writer.WritePropertyName(row);
            WriteVector(writer, vector);
        }
        writer.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter writer, SortedDictionary<string, double> vector)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in vector) writer.WriteNumber(key, value);
        writer.WriteEndObject();
    }
}
