using System.Text;
using Auction.Grains.Worlds;
using Auction.Tests.Support;
using Auction.Tests.Unit.Client;
using CsCheck;

namespace Auction.Tests.Unit.Worlds;

/// <summary>Mutated world files and traces: each is read or refused in a bounded list of sentences that name a path, never an exception.</summary>
public sealed class WorldFuzzTests : IDisposable
{
    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A world that uses every field, a trace, a colluder pair and the reference shorthand's neighbour fields.</summary>
    private const string Rich = """
        {
          "name": "rich", "description": "every field",
          "providers": [
            {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}, "signal_strength": 125, "seed": 7,
             "behaviour": {"kind": "on-off", "honest_transactions": 3, "lying_transactions": 2}, "trace": "cell.csv",
             "schedule": [{"at_s": 30, "link": "down"}, {"at_request": 40, "link": "up", "ask_price": 0.5, "claimed": {"uplink": 20, "downlink": 20},
                           "signal_strength": 200, "behaviour": {"kind": "liar"}}]},
            {"id": "provider-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 20}, "behaviour": {"kind": "colluder", "allies": ["provider-2"]}},
            {"id": "provider-2", "ask_price": 0.4, "claimed": {"uplink": 30, "downlink": 30}, "behaviour": {"kind": "colluder"},
             "shaped": {"uplink": 2, "downlink": 3}, "schedule": [{"at_s": 1.5, "shaped": {"uplink": 4, "downlink": 4}}]}
          ]
        }
        """;

    private const string Trace = "time_s,uplink,downlink\n0,5,6\n2.5,7,8\n10,1.5,900\n";

    private const string Shorthand = """{"name": "ref", "reference": {"providers": 6, "faulty": 2, "adversary": "colluder", "honest_transactions": 4}}""";

    [Fact]
    public void Mutated_worlds_and_traces_are_read_or_refused_in_sentences()
    {
        string[] examples = ["world-degrading-best.json", "world-price-war.json"];
        var documents = examples.Select(e => File.ReadAllBytes(RepositoryRoot.Combine("examples", e)))
            .Append(Encoding.UTF8.GetBytes(Rich)).Append(Encoding.UTF8.GetBytes(Shorthand)).ToArray();
        var trace = Encoding.UTF8.GetBytes(Trace);
        Assert.All(documents, d => Assert.Empty(Read(d, trace).Problems));

        Gen.Select(Gen.Int[0, documents.Length - 1], InputMutation.Gen.Array[0, 4], InputMutation.Gen.Array[0, 2]).Sample((document, mutations, traceMutations) =>
        {
            var reading = Read(
                mutations.Aggregate(documents[document], (current, m) => m.ApplyTo(current)),
                traceMutations.Aggregate(trace, (current, m) => m.ApplyTo(current)));

            Assert.True(reading.World is null == reading.Problems.Count > 0, "a world comes with no problems, no world with at least one");
            Assert.InRange(reading.Problems.Count, 0, WorldReader.MaxProblems + 1);
            Assert.All(reading.Problems, p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Path), $"a problem without a path: {p.Sentence}");
                Assert.True(p.Message.Length <= MaxMessageLength, $"a {p.Message.Length}-character message: {p.Message[..Math.Min(200, p.Message.Length)]}");
                Assert.EndsWith(".", p.Sentence, StringComparison.Ordinal);
            });
            Assert.All(reading.Messages, m => Assert.StartsWith("world.json: ", m, StringComparison.Ordinal));
            if (reading.World is { } world)
            {
                Assert.Equal(world.Providers.Count, WorldExpansion.Expand(world).Count);
                Assert.Equal(world.Providers.Count, world.Providers.Select(p => new WorldTimeline(world).At(p.Id, 60_000, 50)).Count());
            }
        }, iter: 500, threads: 1, seed: Environment.GetEnvironmentVariable("AUCTION_FUZZ_SEED"));
    }

    private WorldReading Read(byte[] world, byte[] trace)
    {
        _files.Write("cell.csv", trace);
        var file = _files.Write("world.json", world);
        var reading = WorldReader.Read(file);
        // messages name the file as given; the fuzz compares them without the folder
        return reading with { Source = Path.GetFileName(reading.Source) };
    }

    /// <summary>
    /// A message is made of bounded pieces: the file, a path of excerpted names, a sentence with an excerpt of the value
    /// or, for an unknown field, the nine names it could have been, and for a trace the trace's name and a row's excerpt.
    /// </summary>
    private const int MaxMessageLength = 600;
}
