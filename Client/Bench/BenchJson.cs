using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auction.Client.Bench;

/// <summary>How the benchmarks print JSON (--json): camelCase, enums as names, NaN where a figure is missing.</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
