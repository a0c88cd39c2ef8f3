using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Grains.Json;

namespace Auction.Grains.Worlds;

/// <summary>System.Text.Json's generated readers for world files: snake_case names, unknown fields refused, comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(StrictConverters.FiniteDouble), typeof(StrictConverters.WholeInt32), typeof(StrictConverters.Text)])]
[JsonSerializable(typeof(WorldJson))]
internal sealed partial class WorldJsonContext : JsonSerializerContext;
