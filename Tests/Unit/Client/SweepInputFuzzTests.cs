using Auction.Client.Experiments;
using Auction.Client.Sweeps;
using CsCheck;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

/// <summary>Mutated sweep files: each is planned or refused with a few short sentences, never an exception.</summary>
public sealed class SweepInputFuzzTests
{
    [Fact]
    public void Mutated_sweeps_are_planned_or_refused_in_sentences()
    {
        // the small examples: a plan expands every cell into a config, and the headline sweep has 1600 of them
        string[] examples = ["sweep-on-off.json", "sweep-lab-cell.json"];
        var documents = examples.Select(e => File.ReadAllBytes(CliRunner.Example(e))).ToArray();
        Gen.Select(Gen.Int[0, documents.Length - 1], InputMutation.Gen.Array[1, 4]).Sample((document, mutations) =>
        {
            var bytes = mutations.Aggregate(documents[document], (current, mutation) => mutation.ApplyTo(current));
            var issues = new ConfigIssues();
            var plan = SweepPlan.Parse(System.Text.Encoding.UTF8.GetString(bytes), issues);

            Assert.True(plan is null == issues.HasErrors, "a plan comes with no errors, no plan with at least one");
            Assert.All(issues.Errors, e => Assert.True(e.Message.Length <= MaxMessageLength, $"a {e.Message.Length}-character message: {e.Message[..Math.Min(200, e.Message.Length)]}"));
            Assert.True(issues.Errors.Count <= StrictJsonLimit, $"{issues.Errors.Count} errors");
        }, iter: 300, threads: 1, seed: Environment.GetEnvironmentVariable("AUCTION_FUZZ_SEED"));
    }

    /// <summary>
    /// However long the input, a message is made of bounded pieces: a cell label's excerpt, a field path's excerpt and,
    /// for an unknown auction parameter, the 17 names it could have been (about 520 characters at the most).
    /// </summary>
    private const int MaxMessageLength = 600;

    /// <summary>The reader's own limit, plus the few checks of the values it read.</summary>
    private const int StrictJsonLimit = Auction.Grains.Json.StrictJson.MaxProblems + 10;
}
