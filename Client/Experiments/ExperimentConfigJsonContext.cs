using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Grains.Json;

namespace Auction.Client.Experiments;

/// <summary>System.Text.Json's generated readers for experiment configs: snake_case names, unknown fields refused, comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(StrictConverters.FiniteDouble), typeof(StrictConverters.WholeInt32), typeof(StrictConverters.Milliseconds), typeof(StrictConverters.Text)])]
[JsonSerializable(typeof(ProductConfigJson))]
[JsonSerializable(typeof(ReferenceConfigJson))]
internal sealed partial class ExperimentConfigJsonContext : JsonSerializerContext;
