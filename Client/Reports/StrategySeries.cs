using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Reports;

/// <summary>
/// One strategy's transactions in request order, as the chart plots them: the running faulty-win share (faulty
/// winners / transactions with a winner so far, as the transaction_timeline view computes it), the rating per
/// request, and the measured and requested speeds per request.
/// </summary>
public sealed record StrategySeries(
    string Strategy,
    double[] Positions,
    double[] RunningFaultyShare,
    double[] RatingPositions,
    double[] Ratings,
    double[] UplinkPositions,
    double[] RequestedUplink,
    double[] MeasuredUplink,
    double[] DownlinkPositions,
    double[] RequestedDownlink,
    double[] MeasuredDownlink)
{
    public static IReadOnlyList<StrategySeries> From(IEnumerable<TransactionRecord> records) =>
        records.GroupBy(r => r.Strategy)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Of(g.Key, g.OrderBy(r => r.Sequence ?? int.MaxValue).ThenBy(r => r.RequestedAt).ThenBy(r => r.TransactionId).ToArray()))
            .ToArray();

    private static StrategySeries Of(string strategy, TransactionRecord[] ordered)
    {
        var positions = new List<double>();
        var running = new List<double>();
        int faulty = 0, decided = 0;
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].WinnerFaulty is { } f)
            {
                decided++;
                if (f) faulty++;
            }

            if (decided == 0) continue;
            positions.Add(X(ordered[i], i));
            running.Add(faulty / (double)decided);
        }

        var rated = ordered.Select((r, i) => (r, i)).Where(p => p.r.Rating is not null).ToArray();
        var up = ordered.Select((r, i) => (r, i)).Where(p => p.r.MeasuredUplink is not null).Select(p => (X: X(p.r, p.i), p.r)).ToArray();
        var down = ordered.Select((r, i) => (r, i)).Where(p => p.r.MeasuredDownlink is not null).Select(p => (X: X(p.r, p.i), p.r)).ToArray();
        return new StrategySeries(
            strategy,
            [.. positions],
            [.. running],
            rated.Select(p => X(p.r, p.i)).ToArray(),
            rated.Select(p => p.r.Rating!.Value).ToArray(),
            up.Select(p => p.X).ToArray(),
            up.Select(p => p.r.Qos.Uplink).ToArray(),
            up.Select(p => p.r.MeasuredUplink!.Value).ToArray(),
            down.Select(p => p.X).ToArray(),
            down.Select(p => p.r.Qos.Downlink).ToArray(),
            down.Select(p => p.r.MeasuredDownlink!.Value).ToArray());
    }

    /// <summary>The x of a transaction: its 1-based request number (sequence + 1), or its position when it has none.</summary>
    private static double X(TransactionRecord r, int index) => (r.Sequence ?? index) + 1;
}
