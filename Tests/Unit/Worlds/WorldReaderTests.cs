using System.Text.Json.Nodes;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>The world file's reader: what a good file gives, the defaults it fills, and one sentence per problem, all at once.</summary>
public sealed class WorldReaderTests : IDisposable
{
    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Two honest providers and a colluder pair: every rule below starts from this valid world and breaks one thing.</summary>
    private const string Valid = """
        {
          "name": "small",
          "providers": [
            {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 20}},
            {"id": "provider-1", "ask_price": 0.5, "claimed": {"uplink": 30, "downlink": 30}, "shaped": {"uplink": 25, "downlink": 5},
             "signal_strength": 200, "seed": 7, "schedule": [{"at_s": 1.5, "ask_price": 0.4}, {"at_request": 3, "link": "down"}]},
            {"id": "c-a", "ask_price": 0.3, "claimed": {"uplink": 40, "downlink": 40}, "behaviour": {"kind": "colluder"}},
            {"id": "c-b", "ask_price": 0.3, "claimed": {"uplink": 40, "downlink": 40}, "behaviour": {"kind": "colluder", "allies": ["c-a"]}}
          ]
        }
        """;

    private static JsonObject ValidTree() => JsonNode.Parse(Valid)!.AsObject();

    [Fact]
    public void A_good_world_gives_its_providers_with_the_defaults_filled_in()
    {
        var reading = _files.Parse(Valid);

        Assert.Empty(reading.Problems);
        var world = reading.World!;
        Assert.Equal("small", world.Name);
        Assert.Null(world.Description);
        Assert.Equal(["provider-0", "provider-1", "c-a", "c-b"], world.Providers.Select(p => p.Id));

        var first = world.Providers[0];
        Assert.Equal(new ProviderState(0.2, new LinkRates(10, 20), new LinkRates(10, 20), true, null, Behaviour.Honest), first.Initial);
        Assert.Null(first.Seed);
        Assert.Empty(first.Schedule);

        var second = world.Providers[1];
        Assert.Equal(new LinkRates(25, 5), second.Initial.Shaped);
        Assert.Equal(200, second.Initial.SignalStrength);
        Assert.Equal(7, second.Seed);
        Assert.Equal(new ScheduleStep { AtMs = 1500, AskPrice = 0.4 }, second.Schedule[0]);
        Assert.Equal(new ScheduleStep { AtRequest = 3, LinkUp = false }, second.Schedule[1]);

        // a colluder is shaped to 1 MB/s unless told; allies left out are every other colluder of the world
        var colluder = world.Providers[2].Initial;
        Assert.Equal(LinkRates.Both(1), colluder.Shaped);
        Assert.Equal(AdversaryKinds.Colluder, colluder.Behaviour.Kind);
        Assert.Equal(["c-b"], colluder.Behaviour.Allies);
        Assert.Equal(["c-a"], world.Providers[3].Initial.Behaviour.Allies);
    }

    [Fact]
    public void Defaults_follow_the_behaviour_liars_at_1_MBps_on_off_providers_at_their_claim()
    {
        var reading = _files.Parse("""
            {"name": "kinds", "providers": [
              {"id": "a", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "behaviour": {"kind": "liar"}},
              {"id": "b", "ask_price": 0.2, "claimed": {"uplink": 30, "downlink": 40}, "behaviour": {"kind": "on-off", "honest_transactions": 5}}
            ]}
            """);

        Assert.Empty(reading.Problems);
        var (liar, onOff) = (reading.World!.Providers[0].Initial, reading.World.Providers[1].Initial);
        Assert.Equal(LinkRates.Both(1), liar.Shaped);
        Assert.Equal(new AdversarySettings { Kind = AdversaryKinds.Liar }, liar.Behaviour.Adversary);
        Assert.Equal(new LinkRates(30, 40), onOff.Shaped);
        Assert.Equal(new AdversarySettings { Kind = AdversaryKinds.OnOff }.WithParameter("honest_transactions", 5), onOff.Behaviour.Adversary);
    }

    [Fact]
    public void A_trace_is_loaded_relative_to_the_world_file_and_gives_the_initial_shaped_rates()
    {
        _files.Write("traces/cell.csv", "time_s,uplink,downlink\r\n0,5,6\r\n2.5,7,8\r\n");
        var file = _files.Write("worlds/w.json", """
            {"name": "traced", "providers": [
              {"id": "a", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "trace": "../traces/cell.csv"},
              {"id": "b", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "trace": "../traces/cell.csv"}
            ]}
            """);

        var reading = WorldReader.Read(file);

        Assert.Empty(reading.Problems);
        var trace = reading.World!.Providers[0].Trace!;
        Assert.Equal("../traces/cell.csv", trace.Source);
        Assert.Equal([new RateTrace.Row(0, new LinkRates(5, 6)), new RateTrace.Row(2500, new LinkRates(7, 8))], trace.Rows);
        Assert.Equal(new LinkRates(5, 6), reading.World.Providers[0].Initial.Shaped);
        Assert.Same(trace, reading.World.Providers[1].Trace);
    }

    [Fact]
    public void The_format_sample_is_refused_for_each_of_its_three_problems_at_once()
    {
        // the sample of docs/worlds.md's introduction, as one provider with a trace and shaped steps
        _files.Write("traces/cell.csv", "time_s,uplink,downlink\n0,10,10\n");
        var reading = _files.Parse("""
            {"name": "price-war", "description": "optional free text", "providers": [
              {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "shaped": {"uplink": 10, "downlink": 10},
               "signal_strength": 125, "behaviour": {"kind": "honest"}, "seed": 7,
               "schedule": [
                 {"at_s": 30, "shaped": {"uplink": 2, "downlink": 2}},
                 {"at_request": 40, "link": "down"},
                 {"at_request": 45, "link": "up", "ask_price": 0.5, "claimed": {"uplink": 20, "downlink": 20}, "signal_strength": 200, "behaviour": {"kind": "liar"}}
               ],
               "trace": "traces/cell.csv"}
            ]}
            """);

        Assert.Null(reading.World);
        Assert.Equal(["providers", "providers[0].shaped", "providers[0].schedule[0].shaped"], reading.Problems.Select(p => p.Path));
        Assert.All(reading.Messages, m => Assert.StartsWith("world.json: providers", m, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BrokenWorlds() => new()
    {
        // what to change (a JSON path into the valid world and the value to put there), the path named, and a piece of the sentence
        { "providers[0].speed=3", "providers[0].speed", "is not a known field (allowed: ask_price, behaviour, claimed, id, schedule, seed, shaped, signal_strength, trace), got 3." },
        { "providers[0].claimed.sideways=1", "providers[0].claimed.sideways", "is not a known field" },
        { "providers[1].schedule[0].when=1", "providers[1].schedule[0].when", "is not a known field" },
        { "providers[0].id=\"Provider 0\"", "providers[0].id", "must be 1 to 40 lowercase letters, digits and dashes, starting with a letter, got \"Provider 0\"." },
        { "providers[0].id=\"0-provider\"", "providers[0].id", "starting with a letter" },
        { $"providers[0].id=\"a{new string('b', 40)}\"", "providers[0].id", "must be 1 to 40" },
        { "providers[0].id=\"provider-1\"", "providers[1].id", "must be unique, got \"provider-1\", the id of providers[0] too." },
        { "providers[0].id=null", "providers[0].id", "is required but missing." },
        { "providers[0].id=5", "providers[0].id", "must be a string, got 5." },
        { "providers[0].ask_price=0", "providers[0].ask_price", "must be a price in (0, 1], got 0." },
        { "providers[0].ask_price=1.5", "providers[0].ask_price", "must be a price in (0, 1], got 1.5." },
        { "providers[0].ask_price=\"cheap\"", "providers[0].ask_price", "must be a number, got \"cheap\"." },
        { "providers[0].claimed.uplink=-1", "providers[0].claimed.uplink", "must be a rate in MB/s above 0 and at most 100000, got -1." },
        { "providers[0].claimed.uplink=\"NaN\"", "providers[0].claimed.uplink", "must be a finite number, got \"NaN\"." },
        { "providers[0].claimed.downlink=null", "providers[0].claimed.downlink", "is required but missing." },
        { "providers[0].claimed=null", "providers[0].claimed", "is required but missing." },
        { "providers[0].claimed.uplink=1500", "providers[0].claimed.uplink", "must be at most 1000 MB/s (the most the lab shapes) when shaped is left out: a provider that is honest is then shaped to its claim, got 1500." },
        { "providers[1].shaped.uplink=1000.5", "providers[1].shaped.uplink", "must be a rate in MB/s above 0 and at most 1000 (the most the lab shapes), got 1000.5." },
        { "providers[1].shaped.downlink=0", "providers[1].shaped.downlink", "above 0" },
        { "providers[1].signal_strength=256", "providers[1].signal_strength", "must be between 0 and 255, got 256." },
        { "providers[1].seed=1.5", "providers[1].seed", "must be a whole number" },
        { "providers[1].behaviour={\"kind\":\"saboteur\"}", "providers[1].behaviour.kind", "must be one of honest, liar, colluder, on-off, got \"saboteur\"." },
        { "providers[1].behaviour={}", "providers[1].behaviour.kind", "is required but missing." },
        { "providers[1].behaviour={\"kind\":\"liar\",\"allies\":[\"c-a\"]}", "providers[1].behaviour.allies", "is only for a kind that has allies (colluder), not for liar, got an array." },
        { "providers[1].behaviour={\"kind\":\"liar\",\"honest_transactions\":3}", "providers[1].behaviour.honest_transactions", "is not a parameter of liar (it has none), got 3." },
        { "providers[1].behaviour={\"kind\":\"on-off\",\"lying_transactions\":-1}", "providers[1].behaviour.lying_transactions", "must be ≥ 0, got -1." },
        { "providers[3].behaviour.allies=[\"provider-0\"]", "providers[3].behaviour.allies[0]", "must name a colluder of this world (c-a, c-b), got \"provider-0\"." },
        { "providers[3].behaviour.allies=[\"nobody\"]", "providers[3].behaviour.allies[0]", "must name a colluder of this world (c-a, c-b), got \"nobody\"." },
        { "providers[3].behaviour.allies=[\"c-b\"]", "providers[3].behaviour.allies[0]", "must not name the provider itself, got \"c-b\"." },
        { "providers[3].behaviour.allies=[\"c-a\",\"c-a\"]", "providers[3].behaviour.allies[1]", "names an ally a second time, got \"c-a\"." },
        { "providers[1].schedule[0].at_s=-1", "providers[1].schedule[0].at_s", "must be a number of seconds from 0 to 1000000000, got -1." },
        { "providers[1].schedule[0].at_s=\"Infinity\"", "providers[1].schedule[0].at_s", "must be a finite number" },
        { "providers[1].schedule[1].at_request=0", "providers[1].schedule[1].at_request", "must be a request number ≥ 1 (requests are counted from 1), got 0." },
        { "providers[1].schedule[1].at_s=2", "providers[1].schedule[1]", "must have only one of at_s and at_request, got both (at_s 2, at_request 3)." },
        { "providers[1].schedule[0].at_s=null", "providers[1].schedule[0]", "must have one of at_s (seconds) and at_request (a request number), got neither." },
        { "providers[1].schedule[0].ask_price=null", "providers[1].schedule[0]", "changes nothing: give at least one of shaped, link, ask_price, claimed, signal_strength, behaviour." },
        { "providers[1].schedule[1].link=\"sideways\"", "providers[1].schedule[1].link", "must be \"up\" or \"down\", got \"sideways\"." },
        { "providers[1].schedule[0].ask_price=2", "providers[1].schedule[0].ask_price", "must be a price in (0, 1], got 2." },
        { "providers[1].schedule[0].shaped={\"uplink\":2000,\"downlink\":1}", "providers[1].schedule[0].shaped.uplink", "at most 1000 (the most the lab shapes), got 2000." },
        { "providers[1].schedule[0].behaviour={\"kind\":\"colluder\",\"allies\":[\"provider-0\"]}", "providers[1].schedule[0].behaviour.allies[0]", "must name a colluder of this world (provider-1, c-a, c-b), got \"provider-0\"." },
        { "providers[1].schedule[2]={\"at_s\":1,\"link\":\"up\"}", "providers[1].schedule[2].at_s", "must not be earlier than schedule[0].at_s (1.5): the steps of each kind must be in order, got 1." },
        { "providers[1].schedule[2]={\"at_request\":2,\"link\":\"up\"}", "providers[1].schedule[2].at_request", "must not be earlier than schedule[1].at_request (3): the steps of each kind must be in order, got 2." },
        { "providers[1].schedule[2]=7", "providers[1].schedule[2]", "must be an object, got 7." },
        { "providers[0].trace=\"\"", "providers[0].trace", "must name a CSV file, got \"\"." },
        { "providers[0].trace=\"missing.csv\"", "providers[0].trace", "\"missing.csv\" cannot be read: Could not find file" },
        { "providers[1].trace=\"ok.csv\"", "providers[1].shaped", "cannot be given with a trace (providers[1].trace sets the shaped rates from 0 s on), got an object." },
        { "name=\" \"", "name", "must not be empty, got \" \"." },
        { "name=null", "name", "is required but missing." },
        { $"description=\"{new string('d', 4001)}\"", "description", "must be at most 4000 characters" },
        { "providers=[]", "providers", "must list at least 2 providers, got 0." },
        { "providers=null", "providers", "is required unless the world is the reference world (reference), got neither." },
        { "reference={}", "reference", "cannot be used together with providers: give one or the other." },
        { "extra=1", "extra", "is not a known field (allowed: description, name, providers, reference), got 1." },
    };

    [Theory]
    [MemberData(nameof(BrokenWorlds))]
    public void Each_rule_is_one_sentence_naming_the_file_the_path_and_the_value(string change, string path, string sentence)
    {
        _files.Write("ok.csv", "time_s,uplink,downlink\n0,1,1\n");
        var tree = ValidTree();
        Set(tree, change);

        var reading = _files.Parse(tree.ToJsonString());

        Assert.Null(reading.World);
        var problem = Assert.Single(reading.Problems, p => p.Path == path);
        Assert.Contains(sentence, problem.Sentence, StringComparison.Ordinal);
        Assert.Contains($"world.json: {path} {problem.Sentence}", reading.Messages);
    }

    [Fact]
    public void A_trace_with_a_bad_row_a_bad_byte_or_too_many_rows_is_named_with_the_provider()
    {
        _files.Write("bad-row.csv", "time_s,uplink,downlink\n0,1,1\n1,x,1\n");
        _files.Write("bad-byte.csv", [.. "time_s,uplink,downlink\n0,1,1\n"u8.ToArray(), 0xFF]);
        _files.Write("long.csv", "time_s,uplink,downlink\n" + string.Concat(Enumerable.Range(0, WorldLimits.MaxTraceRows + 1).Select(i => $"{i},1,1\n")));
        var tree = ValidTree();
        Set(tree, "providers[0].trace=\"bad-row.csv\"");
        Set(tree, "providers[2].trace=\"bad-byte.csv\"");
        Set(tree, "providers[3].trace=\"long.csv\"");

        var messages = _files.Parse(tree.ToJsonString()).Messages.ToArray();

        Assert.Equal(
        [
            "world.json: providers[0].trace \"bad-row.csv\" row 2 (line 3): uplink must be a rate in MB/s above 0 and at most 1000 (the most the lab shapes), got \"x\".",
            "world.json: providers[2].trace \"bad-byte.csv\" is not UTF-8: invalid byte 0xFF at byte offset 29.",
            $"world.json: providers[3].trace \"long.csv\" has {WorldLimits.MaxTraceRows + 1} rows, more than the limit of {WorldLimits.MaxTraceRows}.",
        ], messages);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once_in_the_order_of_the_format()
    {
        var tree = ValidTree();
        foreach (var change in new[]
        {
            "providers[3].behaviour.allies=[\"provider-0\"]", "providers[1].schedule[2]={\"at_s\":1,\"link\":\"up\"}", "providers[0].ask_price=2",
            "providers[0].id=\"provider-1\"", "providers[2].claimed.uplink=-3", "name=\"\"", "providers[1].mood=\"grumpy\"",
        })
        {
            Set(tree, change);
        }

        var reading = _files.Parse(tree.ToJsonString());

        Assert.Null(reading.World);
        Assert.Equal(
        [
            "name", "providers[0].ask_price", "providers[1].id", "providers[1].schedule[2].at_s", "providers[1].mood",
            "providers[2].claimed.uplink", "providers[3].behaviour.allies[0]",
        ], reading.Problems.Select(p => p.Path));
    }

    [Fact]
    public void A_file_that_is_not_json_not_utf8_or_missing_is_one_sentence()
    {
        var notJson = _files.Write("a.json", "{\"name\": ");
        var notUtf8 = _files.Write("b.json", [0x7B, 0xC3, 0x28, 0x7D]);

        Assert.StartsWith($"{notJson}: the world is not valid JSON: ", Assert.Single(WorldReader.Read(notJson).Messages), StringComparison.Ordinal);
        Assert.Equal($"{notUtf8}: the world is not UTF-8: invalid byte 0xC3 at byte offset 1.", Assert.Single(WorldReader.Read(notUtf8).Messages));
        var missing = Path.Combine(_files.Directory, "none.json");
        Assert.StartsWith($"{missing}: the world cannot be read: ", Assert.Single(WorldReader.Read(missing).Messages), StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_written_twice_is_refused()
    {
        var reading = _files.Parse("{\"name\": \"a\", \"name\": \"b\", \"reference\": {}}");

        Assert.Null(reading.World);
        Assert.Contains("world.json: the world is not valid JSON", Assert.Single(reading.Messages), StringComparison.Ordinal);
    }

    /// <summary>Applies <c>path=json</c> to <paramref name="tree"/>: the value at the path (created, or the array element appended) becomes the JSON given, or is removed when it is null.</summary>
    private static void Set(JsonObject tree, string change)
    {
        var at = change.IndexOf('=', StringComparison.Ordinal);
        var steps = System.Text.RegularExpressions.Regex.Matches(change[..at], @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToArray();
        JsonNode node = tree;
        foreach (var step in steps[..^1]) node = step.StartsWith('[') ? node[int.Parse(step[1..^1])]! : node[step]!;
        var value = JsonNode.Parse(change[(at + 1)..]);
        var last = steps[^1];
        if (last.StartsWith('['))
        {
            var array = node.AsArray();
            var index = int.Parse(last[1..^1]);
            if (index == array.Count) array.Add(value);
            else array[index] = value;
        }
        else if (value is null)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = value;
        }
    }
}
