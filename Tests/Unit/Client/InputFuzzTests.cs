using Auction.Tests.Support;
using CsCheck;

namespace Auction.Tests.Unit.Client;

/// <summary>
/// Throws thousands of mutated configs and scenarios at the two readers of the CLI (<c>experiment run --check</c>
/// and <c>score</c>): each must end in exit 0 or 2 with a few short lines on stderr, never an exception.
/// </summary>
public sealed class InputFuzzTests : IDisposable
{
    /// <summary>Ten errors, the count of the rest, and the closing line (or warnings and notes on success).</summary>
    private const int MaxStderrLines = 12;
    private const int MaxLineLength = 500;
    private readonly string _directory = Directory.CreateTempSubdirectory("auction-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Gen<(int Document, InputMutation[] Mutations)> Inputs(int documents) =>
        Gen.Select(Gen.Int[0, documents - 1], InputMutation.Gen.Array[1, 4]);

    [Fact]
    public void Mutated_experiment_configs_are_accepted_or_rejected_in_a_few_lines()
    {
        string[] examples = ["experiment.json", "lab-experiment.json", "reference-trigger.json"];
        var documents = examples.Select(e => File.ReadAllBytes(CliRunner.Example(e))).ToArray();
        var file = Path.Combine(_directory, "config.json");
        Inputs(documents.Length).Sample((document, mutations) =>
        {
            File.WriteAllBytes(file, Mutate(documents[document], mutations));
            AssertContained(CliRunner.Run(null, "experiment", "run", "--check", "--config", file));
        }, iter: 1000, threads: 1, seed: Environment.GetEnvironmentVariable("AUCTION_FUZZ_SEED"));
    }

    [Fact]
    public void Mutated_scenarios_are_scored_or_rejected_in_a_few_lines()
    {
        string[] examples = ["scenario-3.json", "scenario-10.json"];
        var documents = examples.Select(e => File.ReadAllBytes(CliRunner.Example(e))).ToArray();
        var file = Path.Combine(_directory, "scenario.json");
        Inputs(documents.Length).Sample((document, mutations) =>
        {
            File.WriteAllBytes(file, Mutate(documents[document], mutations));
            AssertContained(CliRunner.Run(null, "score", file));
        }, iter: 1000, threads: 1, seed: Environment.GetEnvironmentVariable("AUCTION_FUZZ_SEED"));
    }

    [Fact]
    public void The_unmutated_examples_pass_so_the_fuzz_starts_from_valid_input()
    {
        Assert.Equal(0, CliRunner.Run(null, "experiment", "run", "--check", "--config", CliRunner.Example("experiment.json")).ExitCode);
        Assert.Equal(0, CliRunner.Run(null, "score", CliRunner.Example("scenario-10.json")).ExitCode);
    }

    private static byte[] Mutate(byte[] document, InputMutation[] mutations) =>
        mutations.Aggregate(document, (current, mutation) => mutation.ApplyTo(current));

    private static void AssertContained(CliRunner.Result result)
    {
        Assert.True(result.ExitCode is 0 or 2, $"exit {result.ExitCode}: {result.Error}");
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= MaxStderrLines, $"{lines.Length} stderr lines: {result.Error[..Math.Min(2000, result.Error.Length)]}");
        Assert.All(lines, line => Assert.True(line.Length <= MaxLineLength, $"a {line.Length}-character stderr line: {line[..Math.Min(200, line.Length)]}"));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        if (result.ExitCode == 2) Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }
}
