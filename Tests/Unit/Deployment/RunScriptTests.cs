using Auction.Grains.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Deployment;

/// <summary>./run.sh's help and the options it refuses before it builds or starts anything.</summary>
public sealed class RunScriptTests
{
    private static readonly string Script = RepositoryRoot.Combine("run.sh");

    private static Task<ProcessOutput> RunAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("bash", [Script, .. arguments], TimeSpan.FromSeconds(30), CancellationToken.None);

    [Fact]
    public async Task Help_documents_the_world_option()
    {
        var help = await RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("./run.sh [--providers N | --world FILE] [--config FILE]", help.StandardOutput);
        Assert.Contains("--world FILE (docs/worlds.md): the providers are the world's", help.StandardOutput);
        Assert.Contains("./auction world check", help.StandardOutput);
        // the whole comment block and nothing of the script
        Assert.DoesNotContain("set -euo pipefail", help.StandardOutput);
        Assert.EndsWith("./run.sh --down stops it with the rest.\n", help.StandardOutput);
    }

    [Theory]
    [InlineData("--providers 3 --world examples/world-price-war.json", "--providers and --world cannot both be given")]
    [InlineData("--world /nonexistent/world.json", "--world: no such file '/nonexistent/world.json'")]
    [InlineData("--world", "--world needs a world file")]
    public async Task A_bad_world_option_is_refused_in_one_sentence_before_anything_starts(string arguments, string expected)
    {
        var output = await RunAsync(arguments.Split(' '));

        Assert.Equal(2, output.ExitCode);
        Assert.StartsWith($"run.sh: {expected}", output.StandardError);
        Assert.Single(output.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", output.StandardOutput);
    }
}
