using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>The result views against the hand-computed numbers of <see cref="ResultsDataSet"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ViewTests(PostgresServerFixture server) : ResultsDataSetTest(server, "views")
{
    private const double Tolerance = 1e-9;

    [PostgresFact]
    public async Task Experiment_summary_computes_counts_latencies_ratings_and_shares()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT transactions, completed, failed, mean_decision_ms, p50_decision_ms, p95_decision_ms, mean_rating,
                   faulty_win_share, mean_price_paid, mean_requested_uplink, mean_measured_uplink,
                   mean_requested_downlink, mean_measured_downlink, experiment_name
            FROM experiment_summary WHERE experiment_id = @id AND strategy = @strategy
            """);
        command.Parameters.AddWithValue("id", Experiment);
        command.Parameters.AddWithValue("strategy", "auction");
        await using (var r = await command.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync(), "no experiment_summary row for auction");
            Assert.Equal(4, r.GetInt32(0));
            Assert.Equal(3, r.GetInt32(1));
            Assert.Equal(1, r.GetInt32(2));
            Assert.Equal(200, r.GetDouble(3), Tolerance);
            Assert.Equal(200, r.GetDouble(4), Tolerance);
            Assert.Equal(290, r.GetDouble(5), Tolerance);
            Assert.Equal(0.6, r.GetDouble(6), Tolerance);
            Assert.Equal(1.0 / 3, r.GetDouble(7), Tolerance);
            Assert.Equal(0.3, r.GetDouble(8), Tolerance);
            Assert.Equal(10, r.GetDouble(9), Tolerance);
            Assert.Equal(19.0 / 3, r.GetDouble(10), Tolerance);
            Assert.Equal(50.0 / 3, r.GetDouble(11), Tolerance);
            Assert.Equal(11, r.GetDouble(12), Tolerance);
            Assert.Equal(ResultsDataSet.Name, r.GetString(13));
            Assert.False(await r.ReadAsync(), "more than one experiment_summary row for auction");
        }

        command.Parameters["strategy"].Value = "naive";
        await using (var r = await command.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync(), "no experiment_summary row for naive");
            Assert.Equal(2, r.GetInt32(0));
            Assert.Equal(0, r.GetInt32(2));
            Assert.Equal(100, r.GetDouble(4), Tolerance);
            Assert.Equal(0.075, r.GetDouble(6), Tolerance);
            Assert.Equal(1.0, r.GetDouble(7), Tolerance);
        }
    }

    [PostgresFact]
    public async Task Provider_wins_counts_each_winner_with_its_ratings_and_speeds()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT provider, faulty, wins, win_share, mean_rating, mean_measured_uplink, mean_measured_downlink
            FROM provider_wins WHERE experiment_id = @id AND strategy = 'auction' ORDER BY provider
            """);
        command.Parameters.AddWithValue("id", Experiment);
        var rows = new List<(string Provider, bool Faulty, int Wins, double Share, double Rating, double Up, double Down)>();
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                rows.Add((r.GetString(0), r.GetBoolean(1), r.GetInt32(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6)));
            }
        }

        Assert.Equal(["provider-0", "provider-1", "provider-5"], rows.Select(x => x.Provider));
        Assert.All(rows, x => Assert.Equal(1, x.Wins));
        Assert.All(rows, x => Assert.Equal(1.0 / 3, x.Share, Tolerance));
        var faulty = rows.Single(x => x.Provider == "provider-5");
        Assert.True(faulty.Faulty);
        Assert.Equal(0.1, faulty.Rating, Tolerance);
        Assert.Equal(1, faulty.Up, Tolerance);
        var honest = rows.Single(x => x.Provider == "provider-1");
        Assert.False(honest.Faulty);
        Assert.Equal(0.7, honest.Rating, Tolerance);
        Assert.Equal(8, honest.Up, Tolerance);
        Assert.Equal(12, honest.Down, Tolerance);
    }

    [PostgresFact]
    public async Task Transaction_timeline_keeps_a_running_faulty_share_per_strategy()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT position, sequence, running_faulty_share, faulty_wins_so_far, decided_so_far, decision_ms
            FROM transaction_timeline WHERE experiment_id = @id AND strategy = 'auction' ORDER BY position
            """);
        command.Parameters.AddWithValue("id", Experiment);
        var rows = new List<(long Position, int Sequence, double Share, int Faulty, int Decided, double? Ms)>();
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                rows.Add((r.GetInt64(0), r.GetInt32(1), r.GetDouble(2), r.GetInt32(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetDouble(5)));
            }
        }

        Assert.Equal([1L, 2L, 3L, 4L], rows.Select(x => x.Position));
        Assert.Equal([0, 1, 2, 3], rows.Select(x => x.Sequence));
        Assert.Equal(0.0, rows[0].Share, Tolerance);
        Assert.Equal(0.5, rows[1].Share, Tolerance);
        Assert.Equal(1.0 / 3, rows[2].Share, Tolerance);
        Assert.Equal(1.0 / 3, rows[3].Share, Tolerance);
        Assert.Equal([0, 1, 1, 1], rows.Select(x => x.Faulty));
        Assert.Equal([1, 2, 3, 3], rows.Select(x => x.Decided));
        Assert.Equal(300, rows[2].Ms!.Value, Tolerance);
        Assert.Null(rows[3].Ms);

        Assert.Equal(1.0, await ScalarAsync<double>(
            "SELECT running_faulty_share FROM transaction_timeline WHERE experiment_id = @id AND strategy = 'naive' AND position = 2",
            ("id", Experiment)));
    }
}
