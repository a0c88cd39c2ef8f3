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
