using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>The table of columns (<see cref="TransactionColumns"/>) against the migrated database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TransactionColumnsTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "columns")
{
    /// <summary>Records as JSON for comparing them: times as UTC instants (a record read back is in UTC), NaN kept.</summary>
    private static readonly JsonSerializerOptions Comparable = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new UtcInstantConverter() },
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    [PostgresFact]
    public async Task The_table_of_columns_names_every_column_of_the_migrated_transactions_table_and_no_other()
    {
        var database = new List<string>();
        await using (var command = DataSource.CreateCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'transactions'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) database.Add(reader.GetString(0));
        }

        string[] declared = [.. TransactionColumns.All.Select(c => c.Name), .. TransactionColumns.Bookkeeping];
        Assert.Equal(declared.Length, declared.Distinct(StringComparer.Ordinal).Count());
        Assert.True(database.Count > 0, "the migrated database has no transactions table");
        var undeclared = database.Except(declared, StringComparer.Ordinal).ToArray();
        var notMigrated = declared.Except(database, StringComparer.Ordinal).ToArray();
        Assert.True(undeclared.Length == 0, $"columns of the database missing from TransactionColumns: {string.Join(", ", undeclared)}");
        Assert.True(notMigrated.Length == 0, $"columns of TransactionColumns no migration creates: {string.Join(", ", notMigrated)}");
    }

    [PostgresFact]
    public async Task Each_column_is_written_with_its_SQL_type()
    {
        var record = TestRecords.Full(null);
        var mismatches = new List<string>();
        foreach (var column in TransactionColumns.All)
        {
            await using var command = DataSource.CreateCommand($"""
                SELECT pg_typeof(@{column.Name})::text,
                       (SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                        WHERE attrelid = 'transactions'::regclass AND attname = '{column.Name}' AND NOT attisdropped)
                """);
            command.Parameters.Add(column.Parameter(record));
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            if (reader.GetString(0) != reader.GetString(1))
                mismatches.Add($"{column.Name}: written as {reader.GetString(0)}, the column is {reader.GetString(1)}");
        }

        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
    }

    [PostgresTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_column_round_trips_a_fully_populated_record(bool writtenByTheClient)
    {
        var original = TestRecords.Full(await new ExperimentStore(DataSource).CreateAsync("columns", "auction", 7));
        var unset = Same(TransactionColumns.Blank, original);
        Assert.True(unset.Count == 0, $"the full record leaves fields as a blank read has them, so they prove nothing: {string.Join(", ", unset)}");

        await WriteAsync(writtenByTheClient ? TransactionRows.ClientInsertSql : TransactionRows.InsertSql, original);
        var read = Assert.Single(await TransactionRows.ReadAsync(DataSource, original.ExperimentId));

        AssertSameRecord(original, read);
    }

    [PostgresFact]
    public async Task The_consumers_record_replaces_every_column_of_the_clients_row_and_is_not_replaced_itself()
    {
        var experiment = await new ExperimentStore(DataSource).CreateAsync("columns", "auction", 7);
        var consumers = TestRecords.Full(experiment);
        var clients = TestRecords.Failed(null, 3, "naive", "client: no answer") with { TransactionId = consumers.TransactionId };
        Assert.Equal(["record.TransactionId"], Same(clients, consumers));

        await WriteAsync(TransactionRows.ClientInsertSql, clients);
        await WriteAsync(TransactionRows.InsertSql, consumers);
        await WriteAsync(TransactionRows.InsertSql, consumers with { Winner = "provider-5", Rating = 0.1 });
        await WriteAsync(TransactionRows.ClientInsertSql, clients);

        AssertSameRecord(consumers, Assert.Single(await TransactionRows.ReadAsync(DataSource, null)));
        Assert.Equal("consumer", await ScalarAsync<string>($"SELECT {TransactionColumns.RecordedBy} FROM transactions"));
    }

    private async Task WriteAsync(string sql, TransactionRecord record)
    {
        await using var command = DataSource.CreateCommand(sql);
        TransactionRows.AddInsertParameters(command, record);
        await command.ExecuteNonQueryAsync();
    }

    private static void AssertSameRecord(TransactionRecord expected, TransactionRecord actual)
    {
        var differences = Differences(expected, actual);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    /// <summary>The fields (top level) in which two records differ, each with both values.</summary>
    private static List<string> Differences(TransactionRecord expected, TransactionRecord actual)
    {
        var a = JsonSerializer.SerializeToNode(expected, Comparable)!.AsObject();
        var b = JsonSerializer.SerializeToNode(actual, Comparable)!.AsObject();
        return [.. a.Where(p => !JsonNode.DeepEquals(p.Value, b[p.Key])).Select(p => $"{p.Key}: expected {p.Value?.ToJsonString()}, got {b[p.Key]?.ToJsonString()}")];
    }

    /// <summary>The fields (and fields of nested records, such as the QoS) in which two records agree.</summary>
    private static List<string> Same(TransactionRecord a, TransactionRecord b)
    {
        var found = new List<string>();
        Collect(JsonSerializer.SerializeToNode(a, Comparable), JsonSerializer.SerializeToNode(b, Comparable), "record", found);
        return found;

        static void Collect(JsonNode? a, JsonNode? b, string path, List<string> found)
        {
            if (a is JsonObject { Count: > 0 } fields && b is JsonObject)
            {
                foreach (var (name, value) in fields) Collect(value, b[name], $"{path}.{name}", found);
            }
            else if (JsonNode.DeepEquals(a, b))
            {
                found.Add(path);
            }
        }
    }

    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("records are only written for comparison");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime());
    }
}
