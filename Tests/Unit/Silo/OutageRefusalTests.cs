using Auction.Grains.Worlds;
using Auction.Silo;

namespace Auction.Tests.Unit.Silo;

/// <summary>A provider whose world takes its link down is refused at start-up where iptables does not work, and only then.</summary>
public sealed class OutageRefusalTests
{
    private const string Flapping = """
        {
          "name": "flapping",
          "providers": [
            {"id": "wifi-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 20}, "schedule": [
              {"at_request": 2, "shaped": {"uplink": 5, "downlink": 5}}
            ]},
            {"id": "cell-2", "ask_price": 0.5, "claimed": {"uplink": 10, "downlink": 10}, "schedule": [
              {"at_request": 2, "shaped": {"uplink": 5, "downlink": 5}},
              {"at_request": 3, "link": "down"},
              {"at_request": 5, "link": "up"},
              {"at_request": 7, "link": "down"}
            ]}
          ]
        }
        """;

    private static World World()
    {
        var reading = WorldReader.Parse(Flapping, "worlds/flapping.json", Path.GetTempPath());
        Assert.True(reading.World is not null, string.Join('\n', reading.Messages));
        return reading.World;
    }

    [Fact]
    public async Task An_outage_where_the_probe_finds_no_iptables_is_refused_naming_the_file_the_provider_and_the_first_down_step()
    {
        const string missing = "iptables: the iptables command is not installed or does not run (could not start 'iptables': No such file or directory).";
        var probes = 0;
        Task<string?> Probe(CancellationToken _)
        {
            probes++;
            return Task.FromResult<string?>(missing);
        }

        var refusal = await OutageRefusal.CheckAsync("worlds/flapping.json", World(), "cell-2", Probe, CancellationToken.None);

        Assert.Equal(
            "the world in Auction:World:File 'worlds/flapping.json' takes the link of provider 'cell-2' down at providers[1].schedule[1].link, which needs iptables where the silo runs "
            + "(iptables: the iptables command is not installed or does not run (could not start 'iptables': No such file or directory)); "
            + "install iptables (the container images have it) or remove the outage from the world.",
            refusal);
        Assert.Equal(1, probes);
    }

    [Fact]
    public async Task Iptables_is_probed_only_for_a_provider_whose_link_goes_down_and_a_machine_with_it_passes()
    {
        var probes = 0;
        Func<CancellationToken, Task<string?>> Probe(string? result) => _ =>
        {
            probes++;
            return Task.FromResult(result);
        };
        var world = World();

        // wifi-1 only changes its rates; a provider the world does not name has no steps at all
        Assert.Null(await OutageRefusal.CheckAsync("w.json", world, "wifi-1", Probe("missing"), CancellationToken.None));
        Assert.Null(await OutageRefusal.CheckAsync("w.json", world, "cell-9", Probe("missing"), CancellationToken.None));
        Assert.Equal(0, probes);

        Assert.Null(await OutageRefusal.CheckAsync("w.json", world, "cell-2", Probe(null), CancellationToken.None));
        Assert.Equal(1, probes);
    }
}
