using System.Text.Json;

namespace Auction.Grains.Network;

/// <summary>
/// The parts of an <c>iperf3 -J</c> report the flow runner needs. The measured speed is the receiver-side total
/// (<c>end.sum_received</c>): on a short flow the sender side reports the speed of filling its socket buffer, not
/// of the link. iperf3 3.12 reports a busy server or a refused connection as <c>"error"</c> in the JSON (exit 0 or 1).
/// </summary>
public sealed record Iperf3Report(
    string? Error,
    bool Reverse,
    double? ReceivedBitsPerSecond,
    long? ReceivedBytes,
    double? ReceivedSeconds,
    double? SentBitsPerSecond,
    string? Version)
{
    public const string BusyMarker = "server is busy";

    /// <summary>The iperf3 server is running another test: try another port.</summary>
    public bool IsBusy => Error is not null && Error.Contains(BusyMarker, StringComparison.OrdinalIgnoreCase);

    public bool Succeeded => Error is null && ReceivedBitsPerSecond is > 0;

    /// <summary>Receiver-side goodput in MB/s (bits/s ÷ 8·10^6); null when the test produced none.</summary>
    public double? ReceivedMBps => ReceivedBitsPerSecond / 8e6;

    /// <summary>Parses an iperf3 -J report; throws <see cref="FormatException"/> naming what is wrong when the text is not one.</summary>
    public static Iperf3Report Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FormatException("iperf3 printed no JSON report");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"iperf3 printed something that is not a JSON report: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the iperf3 JSON report is not an object");
            }
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            string? version = null;
            var reverse = false;
            if (root.TryGetProperty("start", out var start) && start.ValueKind == JsonValueKind.Object)
            {
                version = start.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                reverse = start.TryGetProperty("test_start", out var ts) && ts.TryGetProperty("reverse", out var r) &&
                          r.ValueKind == JsonValueKind.Number && r.GetInt32() != 0;
            }
            double? receivedBps = null, receivedSeconds = null, sentBps = null;
            long? receivedBytes = null;
            if (root.TryGetProperty("end", out var end) && end.ValueKind == JsonValueKind.Object)
            {
                if (end.TryGetProperty("sum_received", out var received) && received.ValueKind == JsonValueKind.Object)
                {
                    receivedBps = Number(received, "bits_per_second");
                    receivedSeconds = Number(received, "seconds");
                    receivedBytes = Number(received, "bytes") is { } b ? (long)b : null;
                }
                if (end.TryGetProperty("sum_sent", out var sent) && sent.ValueKind == JsonValueKind.Object)
                {
                    sentBps = Number(sent, "bits_per_second");
                }
            }
            if (error is null && receivedBps is null)
            {
                throw new FormatException("the iperf3 JSON report has neither an error nor end.sum_received.bits_per_second");
            }
            return new Iperf3Report(error, reverse, receivedBps, receivedBytes, receivedSeconds, sentBps, version);
        }
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
