using Auction.Grains.Json;
using Auction.Client.Scoring;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

/// <summary>The shared strict reader: paths as System.Text.Json writes them become the paths messages show.</summary>
public class StrictJsonTests
{
    [Fact]
    public void A_serializer_path_with_quoted_names_and_indexes_becomes_its_steps()
    {
        var segments = StrictJson.Segments("$.providers[12]['it's a.b'].uplink");

        Assert.Equal([new("providers", 0), new(null, 12), new("it's a.b", 0), new("uplink", 0)], segments);
        Assert.Equal("providers[12].it's a.b.uplink", StrictJson.Display(segments, "the scenario"));
        Assert.Equal("the scenario", StrictJson.Display(StrictJson.Segments("$"), "the scenario"));
    }

    [Fact]
    public void A_blank_name_is_shown_quoted_so_that_the_path_reads_as_something()
    {
        Assert.Equal("\" \"", StrictJson.Display([new(" ", 0)], "the world"));
        Assert.Equal("providers[0].\"\"", StrictJson.Display([new("providers", 0), new(null, 0), new("", 0)], "the world"));
    }

    [Fact]
    public void A_peer_id_with_dots_spaces_and_quotes_is_named_in_the_path_of_its_bad_value()
    {
        var json = File.ReadAllText(CliRunner.Example("scenario-3.json")).Replace("\"p1\": {\"first_beacon_ms\": 0, \"channel_utilization\": 0, \"rssi\": 255, \"uplink\": 50",
            "\"it's p.1\": {\"first_beacon_ms\": 0, \"channel_utilization\": 0, \"rssi\": 255, \"uplink\": \"fast\"", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(json));

        Assert.Equal("providers[0].peers.it's p.1.uplink must be a number, got \"fast\".", error.Message);
    }
}
