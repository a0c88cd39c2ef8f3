using System.Text.Json;
using Auction.Client.Results;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>The world an experiment ran in is stored with it, whole, and shown by name and checksum; an experiment without one stores none.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExperimentWorldStoreTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "worlds")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    private static WorldSource Source()
    {
        var traces = new Dictionary<string, string>(StringComparer.Ordinal) { ["traces/cell.csv"] = "time_s,uplink,downlink\n0,8,9\n" };
        const string text = """{"name": "traced", "providers": []}""";
        return new WorldSource("traced", text, traces, WorldSources.Checksum(text, traces));
    }

    [PostgresFact]
    public async Task An_experiments_world_reads_back_whole_and_by_name_and_checksum_in_the_row_and_the_summary()
    {
        var store = new ExperimentStore(DataSource);
        var world = Source();
        var id = await store.CreateAsync("in a world", "auction", 3, world: world);
        var plain = await store.CreateAsync("without", "auction", 3);

        var row = (await store.GetAsync(id))!;
        Assert.Equal(("traced", world.Checksum), (row.WorldName, row.WorldChecksum));
        var back = (await store.GetWorldAsync(id))!;
        Assert.Equal((world.Name, world.Text, world.Checksum), (back.Name, back.Text, back.Checksum));
        Assert.Equal(world.Traces, back.Traces);
        Assert.Equal(world.Checksum, WorldSources.Checksum(back.Text, back.Traces));
        Assert.Null(await store.GetWorldAsync(plain));
        Assert.Null((await store.GetAsync(plain))!.WorldName);

        using var json = JsonDocument.Parse(SummaryJson.Write(row, []));
        Assert.Equal("traced", json.RootElement.GetProperty("experiment").GetProperty("world").GetProperty("name").GetString());
        Assert.Equal(world.Checksum, json.RootElement.GetProperty("experiment").GetProperty("world").GetProperty("checksum").GetString());
    }
}
