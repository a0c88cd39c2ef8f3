using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>The psql-friendly views: the figures of <see cref="ResultsDataSet"/> rounded, with units in the names.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadableViewTests(PostgresServerFixture server) : ResultsDataSetTest(server, "readable")
{
    [PostgresFact]
    public async Task Experiment_summary_readable_rounds_and_names_units()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT mean_decision_ms, p95_decision_ms, mean_rating, faulty_win_percent, mean_price_paid_per_mb,
                   mean_measured_uplink_mb_per_s, mean_requested_downlink_mb_per_s, transactions
            FROM experiment_summary_readable WHERE experiment_id = @id AND strategy = 'auction'
            """);
        command.Parameters.AddWithValue("id", Experiment);
        await using var r = await command.ExecuteReaderAsync();

        Assert.True(await r.ReadAsync(), "no experiment_summary_readable row for auction");
        Assert.Equal(200.0m, r.GetDecimal(0));
        Assert.Equal(290.0m, r.GetDecimal(1));
        Assert.Equal(0.600m, r.GetDecimal(2));
        Assert.Equal(33.3m, r.GetDecimal(3));     // 1/3 faulty winners
        Assert.Equal(0.300m, r.GetDecimal(4));
        Assert.Equal(6.33m, r.GetDecimal(5));     // 19/3 MB/s
        Assert.Equal(16.67m, r.GetDecimal(6));    // 50/3 MB/s
        Assert.Equal(4, r.GetInt32(7));
    }

    [PostgresFact]
    public async Task Provider_wins_readable_gives_shares_in_percent()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT sum(win_percent), count(*) FROM provider_wins_readable WHERE experiment_id = @id AND strategy = 'auction'
            """);
        command.Parameters.AddWithValue("id", Experiment);
        await using var r = await command.ExecuteReaderAsync();

        Assert.True(await r.ReadAsync());
        Assert.Equal(99.9m, r.GetDecimal(0)); // three winners of one decided auction each: 33.3 % each
        Assert.Equal(3L, r.GetInt64(1));
    }

    [PostgresFact]
    public async Task Transaction_timeline_readable_gives_the_running_share_in_percent()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT running_faulty_win_percent, decision_ms, rating
            FROM transaction_timeline_readable WHERE experiment_id = @id AND strategy = 'auction' ORDER BY position
            """);
        command.Parameters.AddWithValue("id", Experiment);
        var rows = new List<(decimal Percent, decimal? Ms, decimal? Rating)>();
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                rows.Add((r.GetDecimal(0), r.IsDBNull(1) ? null : r.GetDecimal(1), r.IsDBNull(2) ? null : r.GetDecimal(2)));
            }
        }

        Assert.Equal([0.0m, 50.0m, 33.3m, 33.3m], rows.Select(x => x.Percent));
        Assert.Equal([100.0m, 200.0m, 300.0m, null], rows.Select(x => x.Ms));
        Assert.Equal([1.000m, 0.100m, 0.700m, null], rows.Select(x => x.Rating));
    }
}
