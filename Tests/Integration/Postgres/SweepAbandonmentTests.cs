using Auction.Client.Sweeps;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// The database function sweep_abandonment(provider, from_request) on a sweep built by hand. Requests are numbered
/// from 1 (request n is stored with sequence n − 1); the winners of each experiment, from request 1 on, are the
/// strings below ('4' provider-4, '1' provider-1, 'x' a failed request), and the expectation is computed from them
/// by the definition: the requests up to the last one from request 3 on that provider-4 won.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SweepAbandonmentTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "abandonment")
{
    private const string Provider = "provider-4";
    private const int FromRequest = 3;
    private const string Cell = """{"decision": "spec"}""";

    // seed → winners by request number, from request 1.
    private static readonly Dictionary<long, string> Completed = new()
    {
        [1] = "444441",   // won 3, 4, 5, then dropped: 3 requests until abandoned
        [2] = "44141x",   // won 4 only (3 and 5 went to provider-1, 6 failed): 2
        [3] = "441111",   // never won from request 3 on (it won 1 and 2, before the window): 0
        [4] = "114444",   // won up to the last request: 4, every request of the window
    };

    private Guid _sweep;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
        var sweeps = new SweepStore(DataSource);
        _sweep = (await sweeps.FindOrCreateAsync("abandonment-test", """{"axes": []}""", CancellationToken.None)).Id!.Value;
        foreach (var (seed, winners) in Completed)
        {
            await AddExperimentAsync(seed, ExperimentStatus.Completed, winners);
        }
        await AddExperimentAsync(5, ExperimentStatus.Interrupted, "444444");
    }

    [PostgresFact]
    public async Task Each_completed_experiment_counts_the_requests_until_the_provider_is_no_longer_chosen()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT seed, requests, wins, last_win, requests_until_abandoned
            FROM sweep_abandonment(@provider, @from) WHERE sweep_id = @id ORDER BY seed
            """);
        command.Parameters.AddWithValue("provider", Provider);
        command.Parameters.AddWithValue("from", FromRequest);
        command.Parameters.AddWithValue("id", _sweep);
        var rows = new List<(long Seed, int Requests, int Wins, int? LastWin, int UntilAbandoned)>();
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                rows.Add((r.GetInt64(0), r.GetInt32(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetInt32(4)));
            }
        }

        var expected = Completed.OrderBy(kv => kv.Key).Select(kv => Expect(kv.Key, kv.Value)).ToArray();
        Assert.Equal(expected, rows);
        Assert.Equal([3, 2, 0, 4], rows.Select(r => r.UntilAbandoned));
    }

    /// <summary>The definition, computed from a winners string: request n is the string's character n − 1.</summary>
    private static (long, int, int, int?, int) Expect(long seed, string winners)
    {
        var window = Enumerable.Range(FromRequest, winners.Length - FromRequest + 1).ToArray();
        var won = window.Where(n => winners[n - 1] == '4').ToArray();
        int? last = won.Length == 0 ? null : won.Max();
        return (seed, window.Length, won.Length, last, last is int l ? l - FromRequest + 1 : 0);
    }

    private Task AddExperimentAsync(long seed, ExperimentStatus status, string winners) =>
        SweepExperiments.AddAsync(DataSource, _sweep, Cell, seed, status, id => winners.Select((w, i) => w == 'x'
            ? TestRecords.Failed(id, i, "auction", "no bids")
            : TestRecords.Completed(id, i, "auction", 100, $"provider-{w}", false, 0.5, 0.2, 10, 10, 10, 10)));
}
