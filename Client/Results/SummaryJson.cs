using System.Text;
using System.Text.Json;
using Auction.Grains.Persistence;

namespace Auction.Client.Results;

/// <summary>
/// The machine-readable summary that <c>results</c>, <c>report experiment --json</c> and <c>experiment run --json</c>
/// print: the experiment and one object per strategy with the experiment_summary view's columns (snake_case, null
/// where the view has NULL), the experiment with its world's name and checksum (null when it was given no world). <paramref name="extra"/> adds command-specific fields at the top level.
/// </summary>
public static class SummaryJson
{
    public static string Write(ExperimentRow experiment, IReadOnlyList<ExperimentSummaryRow> rows, Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("experiment");
            w.WriteString("id", experiment.Id);
            w.WriteString("name", experiment.Name);
            w.WriteString("strategy", experiment.Strategy);
            if (experiment.Seed is { } seed) w.WriteNumber("seed", seed); else w.WriteNull("seed");
            w.WriteString("status", ExperimentStore.StatusName(experiment.Status));
            w.WriteString("started_at", experiment.StartedAt.ToUniversalTime());
            if (experiment.FinishedAt is { } finished) w.WriteString("finished_at", finished.ToUniversalTime()); else w.WriteNull("finished_at");
            if (experiment.WorldName is { } world)
            {
                w.WriteStartObject("world");
                w.WriteString("name", world);
                w.WriteString("checksum", experiment.WorldChecksum);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("world");
            }
            w.WriteEndObject();
            w.WriteStartArray("strategies");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("strategy", r.Strategy);
                w.WriteString("aggregator", r.Aggregator);
                w.WriteBoolean("simulated", r.Simulated);
                w.WriteNumber("transactions", r.Transactions);
                w.WriteNumber("completed", r.Completed);
                w.WriteNumber("failed", r.Failed);
                Number(w, "mean_decision_ms", r.MeanDecisionMs);
                Number(w, "p50_decision_ms", r.P50DecisionMs);
                Number(w, "p95_decision_ms", r.P95DecisionMs);
                Number(w, "mean_rating", r.MeanRating);
                Number(w, "faulty_win_share", r.FaultyWinShare);
                Number(w, "mean_price_paid", r.MeanPricePaid);
                Number(w, "mean_requested_uplink", r.MeanRequestedUplink);
                Number(w, "mean_measured_uplink", r.MeanMeasuredUplink);
                Number(w, "mean_requested_downlink", r.MeanRequestedDownlink);
                Number(w, "mean_measured_downlink", r.MeanMeasuredDownlink);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            extra?.Invoke(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } x) w.WriteNumber(name, x); else w.WriteNull(name);
    }
}
