using Auction.Grains.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Deployment;

/// <summary>infra/containers/podman-compose.sh: the world options it refuses before it installs, builds or starts anything.</summary>
public sealed class PodmanComposeScriptTests
{
    private static readonly string Script = RepositoryRoot.Combine("infra", "containers", "podman-compose.sh");

    [Theory]
    [InlineData("--world", "--world needs a world file")]
    [InlineData("--world /nonexistent/world.json up", "--world: no such file '/nonexistent/world.json'")]
    [InlineData("--world /nonexistent/world.json down", "--world goes with up or run (the stack keeps its world until down), not with 'down'")]
    public async Task A_bad_world_option_is_refused_in_one_sentence_before_anything_starts(string arguments, string expected)
    {
        var output = await ExternalProcess.RunAsync("bash", [Script, "--project", "unittest", .. arguments.Split(' ')], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(2, output.ExitCode);
        Assert.Equal($"podman-compose.sh: {expected}", output.StandardError.Trim());
        Assert.Equal("", output.StandardOutput);
    }
}
