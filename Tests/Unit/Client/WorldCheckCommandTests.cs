using System.Text.Json;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

/// <summary><c>auction world check FILE</c>: a world's provider ids (what ./run.sh --world starts a silo for), or every problem and exit 2.</summary>
public sealed class WorldCheckCommandTests
{
    [Theory]
    [InlineData("world-price-war.json")]
    [InlineData("world-flapping-link.json")]
    public void A_good_world_prints_its_provider_ids_one_per_line(string example)
    {
        var file = CliRunner.Example(example);

        var r = CliRunner.Run(null, "world", "check", file);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Error);
        Assert.Equal(WorldReader.Read(file).World!.Providers.Select(p => p.Id), r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void With_json_it_prints_the_worlds_name_and_ids()
    {
        var file = CliRunner.Example("world-liar-turns-honest.json");
        var world = WorldReader.Read(file).World!;

        var r = CliRunner.Run(null, "world", "check", file, "--json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(world.Name, json.RootElement.GetProperty("name").GetString());
        Assert.Equal(world.Providers.Select(p => p.Id), json.RootElement.GetProperty("providers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_world_with_problems_prints_every_one_and_exits_2()
    {
        using var files = new WorldFiles();
        var file = files.Write("bad.json", """
            {"name": "", "providers": [
              {"id": "Wifi", "ask_price": 0, "claimed": {"uplink": 20, "downlink": 30}},
              {"id": "cell", "ask_price": 0.5}
            ]}
            """);
        var expected = WorldReader.Read(file).Messages.Select(m => $"error: {m}").ToArray();

        var r = CliRunner.Run(null, "world", "check", file);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out.Trim());
        Assert.True(expected.Length >= 4, string.Join(" | ", expected));
        Assert.Equal(expected, r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Without_a_file_it_says_so_and_exits_2()
    {
        var r = CliRunner.Run(null, "world", "check");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("FILE is required", r.Error);
    }
}
