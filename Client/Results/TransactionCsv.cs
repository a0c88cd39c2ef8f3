using System.Globalization;
using System.Text;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

namespace Auction.Client.Results;

/// <summary>
/// Writes transactions as CSV (RFC 4180: CRLF line ends, a header row, fields with comma, quote or line break quoted
/// and inner quotes doubled; invariant culture, timestamps ISO 8601 UTC, provider lists joined by ';', score maps as
/// JSON, the winner's link as one column per field).
/// </summary>
public static class TransactionCsv
{
    /// <summary>Each CSV column: its header and how a record's value is written in it.</summary>
    private static readonly (string Header, Func<TransactionRecord, string> Value)[] Columns =
    [
        ("transaction_id", r => r.TransactionId.ToString()),
        ("experiment_id", r => r.ExperimentId?.ToString() ?? ""),
        ("sequence", r => r.Sequence?.ToString(CultureInfo.InvariantCulture) ?? ""),
        ("strategy", r => r.Strategy),
        ("consumer_id", r => r.ConsumerId),
        ("requested_at", r => Time(r.RequestedAt)),
        ("decided_at", r => Time(r.DecidedAt)),
        ("flow_started_at", r => Time(r.FlowStartedAt)),
        ("flow_ended_at", r => Time(r.FlowEndedAt)),
        ("decision_ms", r => Number(r.DecidedAt is { } d ? (d - r.RequestedAt).TotalMilliseconds : null)),
        ("price", r => Number(r.Qos.Price)),
        ("uplink", r => Number(r.Qos.Uplink)),
        ("downlink", r => Number(r.Qos.Downlink)),
        ("mu", r => Number(r.Qos.Mu)),
        ("delta", r => Number(r.Qos.Delta)),
        ("epsilon", r => Number(r.Qos.Epsilon)),
        ("flow_size_mb", r => Number(r.Qos.FlowSizeMb)),
        ("participants", r => string.Join(';', r.Participants)),
        ("missing", r => string.Join(';', r.Missing)),
        ("winner", r => r.Winner ?? ""),
        ("winner_faulty", r => r.WinnerFaulty is { } f ? (f ? "true" : "false") : ""),
        ("price_paid", r => Number(r.PricePaid)),
        ("measured_uplink", r => Number(r.MeasuredUplink)),
        ("measured_downlink", r => Number(r.MeasuredDownlink)),
        ("rating", r => Number(r.Rating)),
        ("outcome", r => TransactionRows.OutcomeName(r.Outcome)),
        ("failure_reason", r => r.FailureReason ?? ""),
        ("simulated", r => r.Simulated ? "true" : "false"),
        ("aggregator", r => r.Aggregator),
        ("final_scores", r => TransactionRows.ToJson(r.FinalScores)),
        ("score_vectors", r => TransactionRows.ToJson(r.ScoreVectors)),
        ("consensus_vectors", r => TransactionRows.ToJson(r.ConsensusVectors)),
        ("winner_shaped_uplink", r => Number(r.WinnerLink?.ShapedUplink)),
        ("winner_shaped_downlink", r => Number(r.WinnerLink?.ShapedDownlink)),
        ("winner_link_up", r => r.WinnerLink is { } l ? (l.Up ? "true" : "false") : ""),
        ("winner_world_step", r => r.WinnerLink?.Step.ToString(CultureInfo.InvariantCulture) ?? ""),
        ("winner_delay_ms", r => Number(r.WinnerLink?.DelayMs)),
        ("winner_jitter_ms", r => Number(r.WinnerLink?.JitterMs)),
        ("winner_loss_percent", r => Number(r.WinnerLink?.LossPercent)),
        ("trace_id", r => r.TraceId ?? ""),
    ];

    public static readonly string[] Header = Array.ConvertAll(Columns, c => c.Header);

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

    /// <summary>The record's values, one per <see cref="Header"/> column.</summary>
    public static string[] Fields(TransactionRecord r) => Array.ConvertAll(Columns, c => c.Value(r));

    /// <summary>One CSV record with its CRLF terminator.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote)) + "\r\n";

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Time(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? x) => x?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
