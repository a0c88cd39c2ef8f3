using System.Text.Json;
using System.Text;
using Auction.Client.Results;
using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class ResultsCommandTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "results")
{
    [PostgresFact]
    public async Task Db_migrate_applies_the_schema_then_reports_it_up_to_date()
    {
        var first = await ClientProcess.RunAsync("db", "migrate", "--connection", ConnectionString);
        var second = await ClientProcess.RunAsync("db", "migrate", "--connection", ConnectionString);

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("applied 003_views.sql", first.StandardOutput);
        Assert.Equal(0, second.ExitCode);
        var migrations = SchemaMigrator.EmbeddedMigrations().Count;
        Assert.Contains($"schema up to date ({migrations} migrations applied before)", second.StandardOutput);
        Assert.Equal(migrations, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [PostgresFact]
    public async Task Results_prints_the_latest_summary_and_writes_one_csv_row_per_transaction()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var older = await new ExperimentStore(DataSource).CreateAsync("older", "naive", 1, startedAt: DateTimeOffset.UtcNow.AddHours(-1));
        var experiment = await ResultsDataSet.InsertAsync(DataSource, DateTimeOffset.UtcNow);
        var csv = Path.Combine(Path.GetTempPath(), $"auction-results-{Guid.NewGuid():N}.csv");
        try
        {
            var result = await ClientProcess.RunAsync("results", "--csv", csv, "--connection", ConnectionString);

            Assert.True(result.ExitCode == 0, result.StandardError);
            // stdout is the JSON document and nothing else: the line about the CSV goes to stderr
            using var json = JsonDocument.Parse(result.StandardOutput);
            Assert.Equal(experiment, json.RootElement.GetProperty("experiment").GetProperty("id").GetGuid());
            Assert.DoesNotContain(older.ToString(), result.StandardOutput);
            var strategies = json.RootElement.GetProperty("strategies").EnumerateArray().ToDictionary(s => s.GetProperty("strategy").GetString()!);
            Assert.Equal(["auction", "naive"], strategies.Keys.Order());
            var auction = strategies["auction"];
            Assert.Equal(290.0, auction.GetProperty("p95_decision_ms").GetDouble(), 1);
            Assert.Equal(0.600, auction.GetProperty("mean_rating").GetDouble(), 3);
            Assert.Equal(0.333, auction.GetProperty("faulty_win_share").GetDouble(), 3);
            Assert.Equal(0.075, strategies["naive"].GetProperty("mean_rating").GetDouble(), 3);
            Assert.Equal((6.33, 10.00), (Math.Round(auction.GetProperty("mean_measured_uplink").GetDouble(), 2), Math.Round(auction.GetProperty("mean_requested_uplink").GetDouble(), 2)));
            Assert.Contains($"wrote 6 transaction(s) to {csv}", result.StandardError);

            var records = ParseCsv(await File.ReadAllTextAsync(csv, Encoding.UTF8));
            Assert.Equal(1 + 6, records.Count);
            Assert.Equal(TransactionCsv.Header, records[0]);
            Assert.All(records, r => Assert.Equal(TransactionCsv.Header.Length, r.Length));
            var column = Array.IndexOf(TransactionCsv.Header, "failure_reason");
            Assert.Contains("timeout, \"provider-3\" and provider-4 missed the bid deadline", records.Select(r => r[column]));
            var decision = Array.IndexOf(TransactionCsv.Header, "decision_ms");
            Assert.Equal(["100", "200", "300", "", "50", "150"], records.Skip(1).Select(r => r[decision]));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [PostgresFact]
    public async Task Results_for_an_explicit_experiment_shows_that_one()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var experiment = await ResultsDataSet.InsertAsync(DataSource, DateTimeOffset.UtcNow.AddDays(-1));
        await new ExperimentStore(DataSource).CreateAsync("newer", "auction", 2);

        var result = await ClientProcess.RunAsync("results", "--experiment", experiment.ToString(), "--connection", ConnectionString);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(experiment, json.RootElement.GetProperty("experiment").GetProperty("id").GetGuid());
        Assert.Contains(json.RootElement.GetProperty("strategies").EnumerateArray(), s => s.GetProperty("p95_decision_ms").GetDouble() == 290.0);
    }

    [PostgresFact]
    public async Task Results_against_an_unreachable_port_exits_3_naming_host_and_port()
    {
        var port = PostgresServerFixture.FreeTcpPort();

        var result = await ClientProcess.RunAsync(
            "results", "--connection", $"Host=127.0.0.1;Port={port};Username=postgres;Database=auction;Timeout=5");

        Assert.Equal(3, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [PostgresFact]
    public async Task Results_without_a_connection_string_exits_2_with_a_hint()
    {
        var result = await ClientProcess.RunAsync("results");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ConnectionStrings__Auction", result.StandardError);
    }

    /// <summary>A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else { field.Append(c); }
        }

        Assert.True(field.Length == 0 && fields.Count == 0, "the CSV does not end with CRLF");
        return records;
    }
}
