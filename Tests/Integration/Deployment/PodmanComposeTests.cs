using System.Globalization;
using System.Text.RegularExpressions;
using Auction.Grains.Network;
using Auction.Tests.Support;
using Xunit.Abstractions;

namespace Auction.Tests.Integration.Deployment;

/// <summary>Runs alone, after the parallel collections: the stack takes most of the machine while it runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ContainerStackCollection
{
    public const string Name = "container stack";
}

/// <summary>
/// The container deployment for real: compose.yaml, unchanged, under podman and docker-compose through
/// infra/containers/podman-compose.sh, with its own project name and dashboard port. Shaping inside provider
/// containers, an experiment through the client container with its rows in PostgreSQL, a killed provider
/// container left out of later auctions, and nothing left behind after down; and the stack started in a world
/// (--world, compose.world.yaml on top) whose rate change and outages the provider containers apply.
/// </summary>
[Collection(ContainerStackCollection.Name)]
public sealed partial class PodmanComposeTests
{
    private const int HonestProvider = 0;
    private const int FaultyProvider = 5;
    private const string KilledProvider = "provider-9";
    private const string SlowedProvider = "provider-1";
    private const string FlappingProvider = "provider-3";
    private static readonly string World = RepositoryRoot.Combine("Tests", "Integration", "Deployment", "Data", "world-outage-and-slowdown.json");
    private static readonly string Script = RepositoryRoot.Combine("infra", "containers", "podman-compose.sh");
    private readonly string _project = $"ct{Guid.NewGuid():N}"[..10];
    private readonly int _dashboardPort = FreePort.Next();
    private readonly ITestOutputHelper _output;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public PodmanComposeTests(ITestOutputHelper output) => _output = output;

    /// <summary>Step times go to the test output (figures for the docs; nothing asserts on them).</summary>
    private void Step(string what) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    [RootFact]
    public async Task The_compose_stack_runs_an_experiment_under_podman_survives_a_killed_provider_and_leaves_nothing()
    {
        var chainsBefore = await NetavarkChainsAsync();
        try
        {
            var up = await ScriptAsync(TimeSpan.FromMinutes(12), "--prebuilt", "up");
            Step("up");
            _output.WriteLine(string.Join('\n', up.StandardError.Split('\n').Where(l => l.StartsWith('[') || l.StartsWith("  "))));
            await ScriptAsync(TimeSpan.FromMinutes(5), "wait", "11", "240");
            Step("11 silos Active");

            // Shaping inside the containers: a real flow each way between the consumer container and a provider
            // container matches the rate the provider silo says it shaped, within ±10 %.
            await AssertShapedAsync(HonestProvider);
            await AssertShapedAsync(FaultyProvider);
            Step("shaping checked");

            // An experiment through the client container, both strategies, and its rows in PostgreSQL.
            string name = $"containers-{_project}";
            var run = await ScriptAsync(TimeSpan.FromMinutes(8), "experiment", "--config", "/app/examples/lab-experiment.json",
                "--strategy", "both", "--providers", "all", "--count", "10", "--time-scale", "0", "--name", name);
            Assert.Contains("experiment completed", run.StandardOutput + run.StandardError);
            Step("experiment of 2 × 10 requests");
            _output.WriteLine(run.StandardOutput[Math.Max(0, run.StandardOutput.IndexOf("┌", StringComparison.Ordinal))..]);
            var rows = await SqlAsync($"""
                SELECT t.strategy, count(*), count(*) FILTER (WHERE t.outcome = 'completed'), bool_or(t.simulated),
                       count(*) FILTER (WHERE t.measured_downlink > 0 AND t.measured_uplink > 0)
                FROM transactions t JOIN experiments e ON e.id = t.experiment_id
                WHERE e.name = '{name}' GROUP BY t.strategy ORDER BY t.strategy
                """);
            // Every request has its row. Eleven silos on two cores: an auction may rarely miss its phase deadlines as a
            // whole (recorded failed, with that reason); more than one per strategy is a fault.
            await AssertRowsAsync(name, rows, ["auction|10|10|f|10", "naive|10|10|f|10"], ["auction|10|9|f|9", "naive|10|9|f|9"]);
            // The flows crossed the real links: a faulty winner's (shaped to 1 MB/s) never beat 1.2 MB/s, an honest
            // winner's (10-50 MB/s) never fell to that. (Short flows on fast links over-measure: no upper bound there.)
            var extremes = await SqlAsync($"""
                SELECT t.winner_faulty, round(min(least(t.measured_uplink, t.measured_downlink))::numeric, 3),
                       round(max(greatest(t.measured_uplink, t.measured_downlink))::numeric, 3)
                FROM transactions t JOIN experiments e ON e.id = t.experiment_id
                WHERE e.name = '{name}' GROUP BY t.winner_faulty
                """);
            foreach (var row in extremes)
            {
                var fields = row.Split('|');
                double lowest = double.Parse(fields[1], CultureInfo.InvariantCulture), highest = double.Parse(fields[2], CultureInfo.InvariantCulture);
                if (fields[0] == "t") Assert.True(highest <= 1.2, $"a faulty winner moved {highest} MB/s, above its 1 MB/s shaping");
                else Assert.True(lowest > 1.2, $"an honest winner moved only {lowest} MB/s");
            }
            Step("experiment rows checked");

            // A provider container killed: once the membership has declared its silo dead (the silos probe each other
            // every few seconds), the next auctions complete without it and nobody waits a deadline for it.
            var deadBefore = await DeadSilosAsync();
            await ScriptAsync(TimeSpan.FromMinutes(1), "podman", "kill", "--signal", "KILL", $"{_project}_{KilledProvider}_1");
            var state = await ScriptAsync(TimeSpan.FromMinutes(1), "podman", "inspect", "--format", "{{.State.Running}}", $"{_project}_{KilledProvider}_1");
            Assert.Equal("false", state.StandardOutput.Trim());
            await Eventually.TrueAsync(async () => await DeadSilosAsync() > deadBefore, TimeSpan.FromMinutes(2), $"{KilledProvider}'s silo declared Dead");
            Step("killed provider declared Dead");
            string after = $"after-kill-{_project}";
            await ScriptAsync(TimeSpan.FromMinutes(6), "experiment", "--config", "/app/examples/lab-experiment.json",
                "--strategy", "auction", "--providers", "all", "--count", "5", "--time-scale", "0", "--name", after,
                "--max-failed-share", "0.2");
            var afterRows = await SqlAsync($"""
                SELECT count(*), count(*) FILTER (WHERE t.outcome = 'completed'),
                       count(*) FILTER (WHERE t.winner = '{KilledProvider}'),
                       count(*) FILTER (WHERE '{KilledProvider}' = ANY (t.participants) AND NOT '{KilledProvider}' = ANY (t.missing))
                FROM transactions t JOIN experiments e ON e.id = t.experiment_id WHERE e.name = '{after}'
                """);
            await AssertRowsAsync(after, afterRows, ["5|5|0|0"], ["5|4|0|0"]);
            Step("5 auctions after the kill");
        }
        finally
        {
            await ScriptAsync(TimeSpan.FromMinutes(4), "down");
            Step("down");
        }
        await AssertNothingLeftAsync(chainsBefore);
    }

    [RootFact]
    public async Task A_stack_started_in_a_world_applies_its_rate_change_and_outages_inside_the_provider_containers()
    {
        // A world that does not name the ten provider services is refused in one sentence before anything starts.
        var refused = await ExternalProcess.RunAsync(Script, ["--project", _project, "--prebuilt", "--world", RepositoryRoot.Combine("examples", "world-flapping-link.json"), "up"],
            TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"podman-compose.sh: --world: '{RepositoryRoot.Combine("examples", "world-flapping-link.json")}' must name exactly the provider services "
            + "provider-0 … provider-9, it lacks provider-6,provider-7,provider-8,provider-9 and has none besides", refused.StandardError.Trim());
        Assert.False(Directory.Exists($"/run/auction-containers/{_project}"), "a refused world left a state directory");

        var chainsBefore = await NetavarkChainsAsync();
        try
        {
            await ScriptAsync(TimeSpan.FromMinutes(12), "--prebuilt", "--world", World, "up");
            Step("up in the world");
            await ScriptAsync(TimeSpan.FromMinutes(5), "wait", "11", "240");
            Step("11 silos Active");

            // The experiment runs in the world the providers started from (compose.world.yaml mounts it in the client
            // too); each strategy's run starts again from the world's start state, provider-3's link up.
            string name = $"world-{_project}";
            var run = await ScriptAsync(TimeSpan.FromMinutes(6), "experiment", "--config", "/app/examples/lab-experiment.json", "--world", "/etc/auction/world.json",
                "--strategy", "both", "--providers", "all", "--count", "8", "--time-scale", "0", "--name", name);
            Assert.Contains("experiment completed", run.StandardOutput + run.StandardError);
            Step("experiment of 2 × 8 requests in the world");

            // provider-3's link is down from request 3 on (sequence 2): from then on, in both strategies, the consumer
            // leaves it out as missing for the reason 'down' (before, never), and it never wins.
            var rows = await SqlAsync($"""
                SELECT t.strategy, string_agg(t.sequence::text, ',' ORDER BY t.sequence) FILTER (WHERE t.missing_reasons->>'{FlappingProvider}' = 'down'),
                       count(*), count(*) FILTER (WHERE t.winner = '{FlappingProvider}' AND t.sequence >= 2)
                FROM transactions t JOIN experiments e ON e.id = t.experiment_id WHERE e.name = '{name}' GROUP BY t.strategy ORDER BY t.strategy
                """);
            Assert.Equal(["auction|2,3,4,5,6,7|8|0", "naive|2,3,4,5,6,7|8|0"], rows);

            // Inside provider-3's container: its silo took the link down in the first run, up again at the second run's
            // start and down again; the outage rules are in place now (its link is still down): a flow to it is refused.
            var flappingLogs = await ScriptAsync(TimeSpan.FromMinutes(1), "podman", "logs", $"{_project}_{FlappingProvider}_1");
            var steps = LinkStepLine().Matches(flappingLogs.StandardOutput + flappingLogs.StandardError)
                .Where(m => m.Groups["provider"].Value == FlappingProvider).Select(m => m.Groups["state"].Value).ToList();
            var firstDown = steps.IndexOf("link down, world step 0");
            Assert.True(firstDown >= 0 && steps.Skip(firstDown).SequenceEqual(["link down, world step 0", "link up, world step -1", "link down, world step 0"]),
                $"{FlappingProvider}'s link steps: {string.Join("; ", steps)}");
            foreach (var chain in new[] { "INPUT", "OUTPUT" })
            {
                var rules = await ScriptAsync(TimeSpan.FromMinutes(1), "podman", "exec", $"{_project}_{FlappingProvider}_1", "iptables", "-w", "5", "-S", chain);
                Assert.Contains(LinkOutagePlan.Comment, rules.StandardOutput);
            }
            var refusedFlow = await ExternalProcess.RunAsync(Script, ["--project", _project, "podman", "exec", $"{_project}_consumer_1",
                "iperf3", "-c", FlappingProvider, "-p", "5204", "-n", "1M", "--connect-timeout", "5000"], TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.NotEqual(0, refusedFlow.ExitCode);
            Step("provider-3's outage checked");

            // provider-1 was shaped to 4 MB/s from request 2 on: its silo logged it and real flows to its container move that.
            var slowedLogs = await ScriptAsync(TimeSpan.FromMinutes(1), "podman", "logs", $"{_project}_{SlowedProvider}_1");
            Assert.Contains($"Shaped eth0 for {SlowedProvider}: uplink 4 MB/s, downlink 4 MB/s, link up, world step 0", slowedLogs.StandardOutput + slowedLogs.StandardError);
            await AssertFlowsAsync(SlowedProvider, 4, 4);
            Step("provider-1's rate change checked");
        }
        finally
        {
            await ScriptAsync(TimeSpan.FromMinutes(4), "down");
            Step("down");
        }
        await AssertNothingLeftAsync(chainsBefore);
    }

    /// <summary>Nothing of the stack left: containers, networks, volumes, the run's state, firewall chains it added.</summary>
    private async Task AssertNothingLeftAsync(HashSet<string> chainsBefore)
    {
        Assert.Empty(await PodmanListAsync("ps", "-a", "--filter", $"label=com.docker.compose.project={_project}", "--format", "{{.Names}}"));
        Assert.False(File.Exists($"/etc/containers/networks/{_project}_default.json"), "the stack's network is still defined");
        Assert.DoesNotContain(await PodmanListAsync("volume", "ls", "--format", "{{.Name}}"), n => n.StartsWith(_project, StringComparison.Ordinal));
        Assert.False(Directory.Exists($"/run/auction-containers/{_project}"), "the run's state directory is still there");
        Assert.Empty((await NetavarkChainsAsync()).Except(chainsBefore));
    }

    /// <summary>Real flows to the provider's container match the rates its silo logged first (its start state).</summary>
    private async Task AssertShapedAsync(int provider)
    {
        string id = $"provider-{provider}";
        var logs = await ScriptAsync(TimeSpan.FromMinutes(1), "podman", "logs", $"{_project}_{id}_1");
        var shaped = ShapedLine().Match(logs.StandardOutput + logs.StandardError);
        Assert.True(shaped.Success, $"{id} never logged its shaping");
        await AssertFlowsAsync(id, double.Parse(shaped.Groups["up"].Value, CultureInfo.InvariantCulture),
            double.Parse(shaped.Groups["down"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>A flow each way between the consumer's container and the provider's is within ±10 % of the given rates.</summary>
    private async Task AssertFlowsAsync(string id, double uplink, double downlink)
    {
        // The last of the provider's iperf3 ports: auctions start at the first ones, and none run yet. Four seconds'
        // worth of the shaped rate, measured where it is received, as the product's flows are. A starved CPU (11 silos just started on a shared
        // machine) can only slow a flow, never speed it past the shaping: up to three tries to be within ±10 %,
        // and no try may exceed the shaping by more than 10 %.
        foreach (var (reverse, expected) in new[] { (false, uplink), (true, downlink) })
        {
            string direction = reverse ? "download" : "upload";
            var tries = new List<double>();
            while (tries.Count < 3 && (tries.Count == 0 || Math.Abs(tries[^1] - expected) > expected * 0.1))
            {
                var arguments = new List<string> { "podman", "exec", $"{_project}_consumer_1", "iperf3", "-c", id, "-p", "5204",
                    "-n", $"{expected * 4:0.###}M", "-J", "--connect-timeout", "5000" };
                if (reverse) arguments.Add("-R");
                var output = await ScriptAsync(TimeSpan.FromMinutes(2), [.. arguments]);
                var measured = Iperf3Report.Parse(output.StandardOutput).ReceivedMBps;
                Assert.True(measured is not null, $"iperf3 to {id} reported nothing: {output.StandardOutput[..Math.Min(300, output.StandardOutput.Length)]}");
                Assert.True(measured.Value <= expected * 1.1, $"{id} {direction}: {measured.Value:0.###} MB/s, above its shaping of {expected} MB/s");
                tries.Add(measured.Value);
            }
            string measurements = string.Join(", ", tries.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)));
            _output.WriteLine($"{id} {direction}: {measurements} MB/s, shaped to {expected} MB/s");
            Assert.True(Math.Abs(tries[^1] - expected) <= expected * 0.1,
                $"{id} {direction}: measured {measurements} MB/s, shaped to {expected} MB/s (±10 %)");
        }
    }

    /// <summary>
    /// The experiment's rows are <paramref name="expected"/>, or at worst <paramref name="oneMissedDeadline"/> where each
    /// transaction that did not complete failed its phase deadlines (its reason says so); anything else fails, naming them.
    /// </summary>
    private async Task AssertRowsAsync(string experiment, string[] rows, string[] expected, string[] oneMissedDeadline)
    {
        if (rows.SequenceEqual(expected)) return;
        var failures = await SqlAsync($"""
            SELECT t.strategy || ' #' || t.sequence || ': ' || coalesce(t.failure_reason, t.outcome::text)
            FROM transactions t JOIN experiments e ON e.id = t.experiment_id
            WHERE e.name = '{experiment}' AND t.outcome <> 'completed'
            """);
        var tolerable = rows.Zip(expected, oneMissedDeadline).All(r => r.First == r.Second || r.First == r.Third)
            && failures.All(f => f.Contains("in time", StringComparison.Ordinal) || f.Contains("within", StringComparison.Ordinal));
        Assert.True(tolerable && rows.Length == expected.Length,
            $"rows of {experiment}: {string.Join(", ", rows)} (expected {string.Join(", ", expected)}); not completed: {string.Join("; ", failures)}");
        _output.WriteLine($"measured: a deadline missed as a whole in {experiment}: {string.Join("; ", failures)}");
    }

    private async Task<int> DeadSilosAsync() =>
        int.Parse((await SqlAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 6")).Single(), CultureInfo.InvariantCulture);

    private async Task<string[]> SqlAsync(string sql)
    {
        var output = await ScriptAsync(TimeSpan.FromMinutes(1), "podman", "exec", $"{_project}_postgres_1", "sh", "-c",
            "psql -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\" -v ON_ERROR_STOP=1 -tA -c \"$0\"", sql);
        return output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private async Task<ProcessOutput> ScriptAsync(TimeSpan timeout, params string[] arguments)
    {
        var output = await ExternalProcess.RunAsync(Script,
            ["--project", _project, "--dashboard-port", _dashboardPort.ToString(CultureInfo.InvariantCulture), .. arguments],
            timeout, CancellationToken.None);
        Assert.True(output.ExitCode == 0,
            $"podman-compose.sh {string.Join(' ', arguments.Take(4))} exited with {output.ExitCode}:\n{Tail(output.StandardError)}\n{Tail(output.StandardOutput)}");
        return output;
    }

    private static async Task<string[]> PodmanListAsync(params string[] arguments)
    {
        var output = await ExternalProcess.RunCheckedAsync("podman", arguments, TimeSpan.FromMinutes(1), CancellationToken.None);
        return output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static async Task<HashSet<string>> NetavarkChainsAsync()
    {
        var chains = new HashSet<string>();
        foreach (var tool in new[] { "iptables-save", "ip6tables-save" })
        {
            try
            {
                var output = await ExternalProcess.RunAsync(tool, [], TimeSpan.FromSeconds(30), CancellationToken.None);
                foreach (Match m in ChainLine().Matches(output.StandardOutput)) chains.Add($"{tool}:{m.Groups[1].Value}");
            }
            catch (ExternalProcessException)
            {
                // no such tool: nothing of it to leave behind
            }
        }
        return chains;
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];

    [GeneratedRegex(@"Shaped \S+ for provider-\d+: uplink (?<up>[\d.]+) MB/s, downlink (?<down>[\d.]+) MB/s")]
    private static partial Regex ShapedLine();

    [GeneratedRegex(@"Shaped \S+ for (?<provider>provider-\d+): uplink [\d.]+ MB/s, downlink [\d.]+ MB/s, (?<state>link \w+, world step -?\d+)")]
    private static partial Regex LinkStepLine();

    [GeneratedRegex(@"^:(NETAVARK\S*) ", RegexOptions.Multiline)]
    private static partial Regex ChainLine();
}
