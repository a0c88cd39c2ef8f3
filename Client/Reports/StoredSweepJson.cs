using System.Text.Json.Serialization;

namespace Auction.Client.Reports;

/// <summary>
/// The part of a stored sweep config a report needs: the names of its axes. Read leniently (other fields skipped):
/// the config was checked when the sweep was planned, maybe by an older version with other fields.
/// </summary>
public sealed record StoredSweepJson(IReadOnlyList<StoredSweepAxisJson?>? Axes);

/// <summary>One stored axis: its name, or the field it sets when it has none.</summary>
public sealed record StoredSweepAxisJson(string? Name, string? Field);

/// <summary>System.Text.Json's generated reader for <see cref="StoredSweepJson"/> (snake_case, unknown fields skipped).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredSweepJson))]
internal sealed partial class StoredSweepJsonContext : JsonSerializerContext;
