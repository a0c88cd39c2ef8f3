using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auction.Grains.Network;
using Auction.Tests.Integration.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Lab;

/// <summary>
/// ./run.sh --keep as a user meets it: the lines it prints at the end, pasted into a fresh shell, reach the kept lab
/// (database, mutual TLS) with nothing exported by hand, and ./run.sh --down leaves nothing behind.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed partial class KeptLabTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    [RootFact]
    [UnsupportedOSPlatform("windows")] // the file's mode: the lab is Linux only
    public async Task The_printed_lines_of_a_kept_lab_work_in_a_fresh_shell_and_down_removes_its_environment()
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..7];
        var subnet = $"10.78.{20 + Environment.ProcessId % 200}.0/24";
        var stateDirectory = $"/run/auction-run-{prefix}";
        var config = SmallConfig();
        var silos = Array.Empty<int>();
        try
        {
            var run = await ExternalProcess.RunAsync("env",
                [$"DASHBOARD_PORT={FreePort.Next()}", "bash", RepositoryRoot.Combine("run.sh"), "--keep", "--providers", "2", "--prefix", prefix,
                    "--subnet", subnet, "--config", config], StartTimeout, CancellationToken.None);
            Assert.True(run.ExitCode == 0, $"run.sh exited {run.ExitCode}: {run.StandardError}\n{run.StandardOutput}");

            // the last line loads the lab's environment; the file holds the password, so root reads it only
            var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var envFile = $"{stateDirectory}/client.env";
            Assert.Equal($". {envFile}", lines[^1]);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(envFile));

            // that line alone, in a shell with nothing of ours in its environment, runs a cluster command over mutual TLS
            var client = RepositoryRoot.Combine("Client", "bin", "Release", "net10.0", "Auction.Client.dll");
            var rerun = await FreshShellAsync([], $"{lines[^1]} && dotnet {client} experiment run --config {config} --count 1 --strategy auction --providers all");
            Assert.True(rerun.ExitCode == 0, $"experiment run after '{lines[^1]}' exited {rerun.ExitCode}: {rerun.StandardError}\n{rerun.StandardOutput}");
            Assert.Matches(@"1 request\(s\) fired, 0 failed .*experiment completed; see it again with: auction report experiment [0-9a-f-]{36}", rerun.StandardOutput);

            // run.sh's own summary hint pastes as printed: ./auction finds the lab it is told of (AUCTION_LAB) by itself
            var hint = SeeItAgain().Match(run.StandardOutput);
            Assert.True(hint.Success, $"no 'see it again with' hint in: {run.StandardOutput}");
            var report = await FreshShellAsync([$"AUCTION_LAB={prefix}"], hint.Groups["command"].Value);
            Assert.True(report.ExitCode == 0, $"'{hint.Groups["command"].Value}' exited {report.ExitCode}: {report.StandardError}");
            Assert.Contains($"experiment {hint.Groups["id"].Value}", report.StandardOutput);
            Assert.Contains("small-kept-lab", report.StandardOutput);
        }
        finally
        {
            if (File.Exists($"{stateDirectory}/pids"))
                silos = [.. File.ReadAllLines($"{stateDirectory}/pids").Where(line => line.Length > 0).Select(line => int.Parse(line, CultureInfo.InvariantCulture))];
            var down = await ExternalProcess.RunAsync("bash", [RepositoryRoot.Combine("run.sh"), "--down", "--prefix", prefix], CommandTimeout, CancellationToken.None);
            File.Delete(config);
            Assert.Equal(0, down.ExitCode);
        }

        Assert.False(Directory.Exists(stateDirectory), $"{stateDirectory} (and its client.env) is left after ./run.sh --down");
        var namespaces = await ExternalProcess.RunCheckedAsync("ip", ["netns", "list"], CommandTimeout, CancellationToken.None);
        Assert.DoesNotContain($"{prefix}-p", namespaces.StandardOutput);
        Assert.Equal(3, silos.Length); // the consumer silo and two provider silos, all stopped
        Assert.All(silos, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"silo process {pid} is left after ./run.sh --down"));
    }

    /// <summary>bash -c COMMAND with only PATH, HOME and <paramref name="variables"/> in its environment, from the repository root.</summary>
    private static Task<ProcessOutput> FreshShellAsync(string[] variables, string command) =>
        ExternalProcess.RunAsync("env",
            ["-i", $"PATH={Environment.GetEnvironmentVariable("PATH")}", $"HOME={Environment.GetEnvironmentVariable("HOME")}", .. variables,
                "bash", "-c", $"cd {RepositoryRoot.Path} && {command}"], CommandTimeout, CancellationToken.None);

    /// <summary>The lab's own experiment cut to two requests with no waits between them: the test is about reaching the lab.</summary>
    private static string SmallConfig()
    {
        var config = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("examples", "lab-experiment.json")))!;
        config["name"] = "small-kept-lab";
        config["requests"]!["count"] = 2;
        config["time_scale"] = 0;
        var path = Path.Combine(Path.GetTempPath(), $"kept-lab-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [GeneratedRegex(@"see it again with: (?<command>\S+(?: --lab \S+)? report experiment (?<id>[0-9a-f-]{36}))")]
    private static partial Regex SeeItAgain();
}
