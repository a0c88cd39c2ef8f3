using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>A world as it travels: its file's text and traces with their checksum, read on a silo exactly as from the disk.</summary>
public sealed class WorldSourcesTests : IDisposable
{
    private const string Trace = "time_s,uplink,downlink\n0,8,9\n10,4,5\n";
    private const string Json = """
        {"name": "cells", "providers": [
          {"id": "a", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "trace": "traces/cell.csv"},
          {"id": "b", "ask_price": 0.3, "claimed": {"uplink": 10, "downlink": 10}, "trace": "./traces/cell.csv"}]}
        """;

    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_file_travels_with_every_trace_it_names_and_reads_back_as_from_the_disk()
    {
        _files.Write("traces/cell.csv", Trace);
        var file = _files.Write("w.json", Json);

        var read = WorldSources.Read(file);
        var source = read.Source!;
        var carried = WorldSources.Parse(source);

        Assert.Empty(read.Reading.Problems);
        Assert.Equal(("cells", Json), (source.Name, source.Text));
        Assert.Equal(new Dictionary<string, string> { ["./traces/cell.csv"] = Trace, ["traces/cell.csv"] = Trace }, source.Traces);
        Assert.Equal(WorldSources.Checksum(Json, source.Traces), source.Checksum);
        Assert.Empty(carried.Problems);
        Assert.Equal(read.Reading.World!.Providers.Select(p => p.Trace!.Rows), carried.World!.Providers.Select(p => p.Trace!.Rows));
        Assert.Equal(read.Reading.World.Providers.Select(p => p.Initial), carried.World.Providers.Select(p => p.Initial));
    }

    [Fact]
    public void A_world_with_problems_does_not_travel()
    {
        var file = _files.Write("w.json", Json);

        var read = WorldSources.Read(file);

        Assert.Null(read.Source);
        Assert.Contains(read.Reading.Messages, m => m.Contains("providers[0].trace \"traces/cell.csv\" cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void The_checksum_tells_every_text_and_every_boundary_apart()
    {
        var traces = new Dictionary<string, string> { ["a.csv"] = Trace };

        var checksums = new[]
        {
            WorldSources.Checksum(Json, traces),
            WorldSources.Checksum(Json + " ", traces),
            WorldSources.Checksum(Json, new Dictionary<string, string> { ["a.csv"] = Trace + "20,1,1\n" }),
            WorldSources.Checksum(Json, new Dictionary<string, string> { ["a.cs"] = "v" + Trace }),
            WorldSources.Checksum(Json, new Dictionary<string, string>()),
        };

        Assert.Equal(checksums.Length, checksums.Distinct().Count());
        Assert.Matches("^[0-9a-f]{64}$", checksums[0]);
        Assert.Equal(checksums[0], WorldSources.Checksum(Json, new Dictionary<string, string>(traces)));
    }

    [Fact]
    public void A_source_whose_checksum_does_not_match_or_that_lacks_a_trace_is_refused_in_one_sentence_each()
    {
        var good = WorldSources.Of("cells", Json, new Dictionary<string, string> { ["traces/cell.csv"] = Trace });

        var tampered = WorldSources.Parse(good with { Text = Json.Replace("0.2", "0.25", StringComparison.Ordinal) });
        var lacking = WorldSources.Parse(good);

        var sentence = Assert.Single(tampered.Messages);
        Assert.StartsWith("world \"cells\": the world does not match the checksum it came with, got \"" + good.Checksum[..16], sentence, StringComparison.Ordinal);
        Assert.EndsWith("its text or one of its traces changed on the way.", sentence, StringComparison.Ordinal);
        Assert.Equal(["world \"cells\": providers[1].trace names a trace the world did not come with, got \"./traces/cell.csv\"."], lacking.Messages);
    }

    [Fact]
    public void The_cache_reads_a_world_once_and_refuses_one_with_problems()
    {
        var traces = new Dictionary<string, string> { ["traces/cell.csv"] = Trace, ["./traces/cell.csv"] = Trace };
        var first = WorldSources.Of("cells", Json, traces);
        var again = WorldSources.Of("cells", Json, new Dictionary<string, string>(traces));

        Assert.Same(WorldCache.Get(first), WorldCache.Get(again));
        var e = Assert.Throws<ArgumentException>(() => WorldCache.Get(first with { Checksum = new string('0', 64) }));
        Assert.Contains("does not match the checksum it came with", e.Message, StringComparison.Ordinal);
    }
}
