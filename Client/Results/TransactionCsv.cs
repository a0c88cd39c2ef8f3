using System.Globalization;
using System.Text;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

namespace Auction.Client.Results;

/// <summary>
/// Writes transactions as CSV (RFC 4180: CRLF line ends, a header row, fields with comma, quote or line break quoted
/// and inner quotes doubled; invariant culture, timestamps ISO 8601 UTC, provider lists joined by ';', score maps as
/// JSON).
/// </summary>
public static class TransactionCsv
{
    public static readonly string[] Header =
    [
        "transaction_id", "experiment_id", "sequence", "strategy", "consumer_id", "requested_at", "decided_at",
        "flow_started_at", "flow_ended_at", "decision_ms", "price", "uplink", "downlink", "mu", "delta", "epsilon",
        "flow_size_mb", "participants", "missing", "winner", "winner_faulty", "price_paid", "measured_uplink",
        "measured_downlink", "rating", "outcome", "failure_reason", "simulated", "aggregator", "final_scores",
        "score_vectors", "consensus_vectors",
    ];

    public static async Task WriteAsync(string path, IEnumerable<TransactionRecord> records, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteAsync(Line(Header));
        foreach (var r in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(Line(Fields(r)));
        }
    }

    public static string[] Fields(TransactionRecord r) =>
    [
        r.TransactionId.ToString(),
        r.ExperimentId?.ToString() ?? "",
        r.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "",
        r.Strategy,
        r.ConsumerId,
        Time(r.RequestedAt),
        Time(r.DecidedAt),
        Time(r.FlowStartedAt),
        Time(r.FlowEndedAt),
        Number(r.DecidedAt is { } d ? (d - r.RequestedAt).TotalMilliseconds : null),
        Number(r.Qos.Price),
        Number(r.Qos.Uplink),
        Number(r.Qos.Downlink),
        Number(r.Qos.Mu),
        Number(r.Qos.Delta),
        Number(r.Qos.Epsilon),
        Number(r.Qos.FlowSizeMb),
        string.Join(';', r.Participants),
        string.Join(';', r.Missing),
        r.Winner ?? "",
        r.WinnerFaulty is { } f ? (f ? "true" : "false") : "",
        Number(r.PricePaid),
        Number(r.MeasuredUplink),
        Number(r.MeasuredDownlink),
        Number(r.Rating),
        TransactionRows.OutcomeName(r.Outcome),
        r.FailureReason ?? "",
        r.Simulated ? "true" : "false",
        r.Aggregator,
        TransactionRows.ToJson(r.FinalScores),
        TransactionRows.ToJson(r.ScoreVectors),
        TransactionRows.ToJson(r.ConsensusVectors),
    ];

    /// <summary>One CSV record with its CRLF terminator.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote)) + "\r\n";

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Time(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? x) => x?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
