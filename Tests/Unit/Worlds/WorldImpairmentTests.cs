using Auction.Grains.Network;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>Delay, jitter and loss beside a link's shaped rates: read strictly, carried in the state, replaced as a whole by a step.</summary>
public sealed class WorldImpairmentTests : IDisposable
{
    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Other = """{"id": "other", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}}""";

    private WorldReading Read(string shaped, string schedule = "[]") => _files.Parse($$"""
        {"name": "i", "providers": [{{Other}},
          {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "shaped": {{shaped}}, "schedule": {{schedule}}}]}
        """);

    [Fact]
    public void An_impairment_is_in_the_start_state_and_a_step_that_names_one_replaces_it_whole()
    {
        var reading = Read("""{"uplink": 10, "downlink": 10, "delay_ms": 20, "jitter_ms": 5, "loss_percent": 0.5}""", """
            [{"at_request": 2, "shaped": {"uplink": 2, "downlink": 2}},
             {"at_request": 3, "shaped": {"uplink": 2, "downlink": 2, "delay_ms": 40}},
             {"at_request": 4, "shaped": {"uplink": 2, "downlink": 2, "delay_ms": 0}}]
            """);
        Assert.Empty(reading.Problems);
        var timeline = new WorldTimeline(reading.World!);

        var impairments = new[] { 1, 2, 3, 4 }.Select(n => timeline.At("p", 0, n).State.Impairment).ToArray();

        Assert.Equal(new LinkImpairment?[] { new(20, 5, 0.5), new(20, 5, 0.5), new(40), null }, impairments);
        Assert.Null(timeline.At("other", 0, 4).State.Impairment);
    }

    [Fact]
    public void Bad_impairments_are_named_with_their_paths_all_at_once()
    {
        var reading = Read("""{"uplink": 10, "downlink": 10, "delay_ms": -1, "loss_percent": 101}""", """
            [{"at_s": 1, "shaped": {"uplink": 2, "downlink": 2, "jitter_ms": 3}},
             {"at_s": 2, "shaped": {"uplink": 2, "downlink": 2, "delay_ms": 60001}}]
            """);

        Assert.Null(reading.World);
        Assert.Equal(
        [
            "providers[1].shaped.delay_ms must be a number of milliseconds from 0 to 60000, got -1.",
            "providers[1].shaped.loss_percent must be a percentage from 0 to 100, got 101.",
            "providers[1].schedule[0].shaped.jitter_ms needs a delay_ms above 0 (jitter varies the delay), got 3 with delay_ms 0.",
            "providers[1].schedule[1].shaped.delay_ms must be a number of milliseconds from 0 to 60000, got 60001.",
        ], reading.Problems.Select(p => p.Message));
    }

    [Fact]
    public void A_claim_has_no_impairment()
    {
        var reading = _files.Parse($$"""
            {"name": "i", "providers": [{{Other}}, {"id": "p", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10, "delay_ms": 5}
            }]}
            """);

        Assert.Null(reading.World);
        Assert.Contains(reading.Problems, p => p.Path.StartsWith("providers[1].claimed", StringComparison.Ordinal) && p.Message.Contains("delay_ms", StringComparison.Ordinal));
    }
}
