using System.Globalization;
using System.Text.Json.Nodes;
using Auction.Grains.Network;
using Auction.Tests.Integration.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Lab;

/// <summary>
/// <c>./run.sh --keep</c> with two providers, then <c>--restart provider-1</c>: the old process is gone, the new one
/// rejoins the membership, and <c>--down</c> stops it too (it is tracked like the silos the run started), leaving no
/// state directory and no namespace behind.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class RunScriptRestartTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    [RootFact]
    public async Task A_restarted_silo_of_a_kept_lab_rejoins_and_down_stops_it()
    {
        string prefix = NetworkLab.NewPrefix();
        string subnet = $"10.79.{Random.Shared.Next(1, 250)}.0/24";
        string state = $"/run/auction-run-{prefix}";
        string config = Path.Combine(Path.GetTempPath(), $"{prefix}-experiment.json");
        // The lab experiment, two requests: enough to prove the run works, short enough for the suite.
        var experiment = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("examples", "lab-experiment.json")))!.AsObject();
        experiment["requests"]!["count"] = 2;
        await File.WriteAllTextAsync(config, experiment.ToJsonString());
        // Its own dashboard port: the default 8080 may be taken by another lab on this machine.
        string environment = $"DASHBOARD_PORT={FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        try
        {
            var up = await RunAsync(environment, "--keep", "--providers", "2", "--config", config, "--prefix", prefix, "--subnet", subnet);
            Assert.True(up.ExitCode == 0, $"run.sh --keep exited {up.ExitCode}: {up.StandardError}{up.StandardOutput}");
            int before = int.Parse(await File.ReadAllTextAsync(Path.Combine(state, "provider-1.pid")), CultureInfo.InvariantCulture);
            Assert.True(IsAlive(before), "provider-1 of the kept lab is not running");

            var restart = await RunAsync(environment, "--restart", "provider-1", "--prefix", prefix);
            Assert.True(restart.ExitCode == 0, $"run.sh --restart exited {restart.ExitCode}: {restart.StandardError}{restart.StandardOutput}");
            int after = int.Parse(await File.ReadAllTextAsync(Path.Combine(state, "provider-1.pid")), CultureInfo.InvariantCulture);
            Assert.NotEqual(before, after);
            Assert.False(IsAlive(before), "the old provider-1 process still runs after --restart");

            // The new silo is Active and its predecessor is no longer: three Active silos again (consumer + 2).
            string pgDirectory = (await File.ReadAllTextAsync(Path.Combine(state, "pgdir"))).Trim();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            string active = "";
            while (DateTime.UtcNow < deadline)
            {
                var query = await ExternalProcess.RunAsync("bash", [RepositoryRoot.Combine("infra", "postgres", "pg.sh"), "psql", "--dir", pgDirectory, "--",
                    "-d", "auction", "-tAc", "SELECT string_agg(hostname || ':' || status, ',' ORDER BY hostname, status) FROM orleansmembershiptable WHERE status = 3"],
                    TimeSpan.FromSeconds(15), CancellationToken.None);
                active = query.StandardOutput.Trim();
                if (active.Split(',', StringSplitOptions.RemoveEmptyEntries).Length == 3 && IsAlive(after)) break;
                Assert.True(IsAlive(after), $"the restarted provider-1 exited: {await File.ReadAllTextAsync(Path.Combine(state, "provider-1.log"))}");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            Assert.True(active.Split(',', StringSplitOptions.RemoveEmptyEntries).Length == 3,
                $"waiting for 3 Active silos after the restart, the membership has: '{active}'");

            var down = await RunAsync(environment, "--down", "--prefix", prefix);
            Assert.True(down.ExitCode == 0, $"run.sh --down exited {down.ExitCode}: {down.StandardError}");
            Assert.False(IsAlive(after), "run.sh --down left the restarted provider-1 running");
            Assert.False(Directory.Exists(state), $"run.sh --down left {state}");
            var namespaces = await ExternalProcess.RunCheckedAsync("ip", ["netns", "list"], TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.DoesNotContain($"{prefix}-p", namespaces.StandardOutput);
        }
        finally
        {
            await RunAsync(environment, "--down", "--prefix", prefix);
            File.Delete(config);
        }
    }

    private static Task<ProcessOutput> RunAsync(string environment, params string[] arguments) =>
        ExternalProcess.RunAsync("env", [environment, "bash", RepositoryRoot.Combine("run.sh"), .. arguments], ScriptTimeout, CancellationToken.None);

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z";
}
