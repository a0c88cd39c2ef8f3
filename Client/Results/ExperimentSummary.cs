using Auction.Client.Statistics;
using Npgsql;
using NpgsqlTypes;

namespace Auction.Client.Results;

/// <summary>One row of the <c>experiment_summary</c> view: one strategy (and aggregator) of one experiment.</summary>
public sealed record ExperimentSummaryRow(
    string Strategy,
    string Aggregator,
    bool Simulated,
    int Transactions,
    int Completed,
    int Failed,
    double? MeanDecisionMs,
    double? P50DecisionMs,
    double? P95DecisionMs,
    double? MeanRating,
    double? FaultyWinShare,
    double? MeanPricePaid,
    double? MeanRequestedUplink,
    double? MeanMeasuredUplink,
    double? MeanRequestedDownlink,
    double? MeanMeasuredDownlink)
{
    public static async Task<IReadOnlyList<ExperimentSummaryRow>> ReadAsync(
        NpgsqlDataSource dataSource, Guid experimentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT strategy, aggregator, simulated, transactions, completed, failed, mean_decision_ms, p50_decision_ms,
                   p95_decision_ms, mean_rating, faulty_win_share, mean_price_paid, mean_requested_uplink,
                   mean_measured_uplink, mean_requested_downlink, mean_measured_downlink
            FROM experiment_summary
            WHERE experiment_id = @experiment_id
            ORDER BY strategy, aggregator
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("experiment_id", NpgsqlDbType.Uuid) { TypedValue = experimentId });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ExperimentSummaryRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new ExperimentSummaryRow(
                r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
                D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10), D(r, 11), D(r, 12), D(r, 13), D(r, 14), D(r, 15)));
        }

        return rows;
    }

    private static double? D(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}

/// <summary>
/// The <c>experiment_summary</c> view's numbers computed from transactions in memory (for runs without a database):
/// the same groups (strategy × aggregator), the same filters and the same quantiles (<see cref="Quantiles"/>).
/// </summary>
public static class ExperimentSummaryCalculator
{
    public static IReadOnlyList<ExperimentSummaryRow> FromRecords(IEnumerable<Auction.Grains.Interfaces.Models.TransactionRecord> records) =>
        records
            .GroupBy(r => (r.Strategy, r.Aggregator))
            .OrderBy(g => g.Key.Strategy, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Aggregator, StringComparer.Ordinal)
            .Select(g =>
            {
                var all = g.ToArray();
                var latencies = all.Where(r => r.DecidedAt is not null)
                    .Select(r => (r.DecidedAt!.Value - r.RequestedAt).TotalMilliseconds).Order().ToArray();
                var decided = all.Where(r => r.WinnerFaulty is not null).ToArray();
                var measuredUp = all.Where(r => r.MeasuredUplink is not null).ToArray();
                var measuredDown = all.Where(r => r.MeasuredDownlink is not null).ToArray();
                return new ExperimentSummaryRow(
                    g.Key.Strategy,
                    g.Key.Aggregator,
                    all.Any(r => r.Simulated),
                    all.Length,
                    all.Count(r => r.Outcome == Auction.Grains.Interfaces.Models.TransactionOutcome.Completed),
                    all.Count(r => r.Outcome == Auction.Grains.Interfaces.Models.TransactionOutcome.Failed),
                    Mean(latencies),
                    Percentile(latencies, 0.5),
                    Percentile(latencies, 0.95),
                    Mean(all.Where(r => r.Rating is not null).Select(r => r.Rating!.Value)),
                    decided.Length == 0 ? null : decided.Count(r => r.WinnerFaulty == true) / (double)decided.Length,
                    Mean(all.Where(r => r.PricePaid is not null).Select(r => r.PricePaid!.Value)),
                    Mean(measuredUp.Select(r => r.Qos.Uplink)),
                    Mean(measuredUp.Select(r => r.MeasuredUplink!.Value)),
                    Mean(measuredDown.Select(r => r.Qos.Downlink)),
                    Mean(measuredDown.Select(r => r.MeasuredDownlink!.Value)));
            })
            .ToArray();

    /// <summary>The view's percentile_cont, by the CLI's one definition (<see cref="Quantiles"/>); null when there are no values.</summary>
    public static double? Percentile(double[] sorted, double p) => sorted.Length == 0 ? null : Quantiles.OfSorted(sorted, p);

    private static double? Mean(IEnumerable<double> values)
    {
        var array = values.ToArray();
        return array.Length == 0 ? null : array.Average();
    }
}
