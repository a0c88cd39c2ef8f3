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
        Iperf3Json? report;
        try
        {
            report = JsonSerializer.Deserialize(json, NetworkJsonContext.Default.Iperf3Json);
        }
        catch (JsonException e)
        {
            throw new FormatException(IsJsonButNoObject(json)
                ? "the iperf3 JSON report is not an object"
                : $"iperf3 printed something that is not a JSON report: {e.Message}", e);
        }
        if (report is null)
        {
            throw new FormatException("the iperf3 JSON report is not an object");
        }
        var received = report.End?.SumReceived;
        if (report.Error is null && received?.BitsPerSecond is null)
        {
            throw new FormatException("the iperf3 JSON report has neither an error nor end.sum_received.bits_per_second");
        }
        return new Iperf3Report(report.Error, report.Start?.TestStart?.Reverse is { } r && r != 0,
            received?.BitsPerSecond, received?.Bytes, received?.Seconds, report.End?.SumSent?.BitsPerSecond, report.Start?.Version);
    }

    /// <summary>Well-formed JSON whose first token is not an object (an array, a number): a different message than garbage.</summary>
    private static bool IsJsonButNoObject(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        try
        {
            return reader.Read() && reader.TokenType != JsonTokenType.StartObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
