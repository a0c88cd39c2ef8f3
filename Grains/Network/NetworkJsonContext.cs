using System.Text.Json.Serialization;

namespace Auction.Grains.Network;

/// <summary>System.Text.Json's generated readers for the JSON that iperf3 and tc print (snake_case members).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Iperf3Json))]
[JsonSerializable(typeof(TcQdiscJson[]))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext;
