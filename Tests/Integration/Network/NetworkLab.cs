using System.Globalization;
using System.Text.RegularExpressions;
using Auction.Grains.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Network;

/// <summary>The network tests share one non-parallel collection: they need root, create namespaces and measure rates on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetworkLabCollection
{
    public const string Name = "network-lab";
}

/// <summary>One provider namespace of a lab, as <c>lab.sh up</c> printed it.</summary>
public sealed record LabProvider(int Index, string Namespace, string Interface, string Address);

/// <summary>A lab made by <c>infra/lab/lab.sh up</c> with a unique prefix and subnet, torn down on dispose.</summary>
public sealed partial class NetworkLab : IAsyncDisposable
{
    private static int _subnetCounter = Environment.ProcessId % 100;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    private NetworkLab(string prefix, string subnet, string consumerAddress, IReadOnlyList<LabProvider> providers)
    {
        Prefix = prefix;
        Subnet = subnet;
        ConsumerAddress = consumerAddress;
        Providers = providers;
    }

    public string Prefix { get; }
    public string Subnet { get; }
    public string ConsumerAddress { get; }
    public IReadOnlyList<LabProvider> Providers { get; }
    public string RunDirectory => $"/run/auction-lab/{Prefix}";

    public static string ScriptPath => RepositoryRoot.Combine("infra", "lab", "lab.sh");

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..7];

    public static async Task<NetworkLab> UpAsync(int providers)
    {
        await NetworkPrerequisites.EnsureAsync();
        var prefix = NewPrefix();
        var octet = 100 + Interlocked.Increment(ref _subnetCounter) % 150;
        var subnet = $"10.77.{octet}.0/24";
        ProcessOutput output;
        try
        {
            output = await RunScriptAsync("up", providers.ToString(CultureInfo.InvariantCulture), "--prefix", prefix, "--subnet", subnet);
        }
        catch
        {
            await RunScriptAsync("down", "--prefix", prefix);
            throw;
        }
        var list = output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => ProviderLine().Match(line))
            .Where(m => m.Success)
            .Select(m => new LabProvider(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))
            .ToArray();
        var consumer = ConsumerField().Match(output.StandardOutput);
        var lab = new NetworkLab(prefix, subnet, consumer.Groups[1].Value, list);
        if (list.Length != providers || !consumer.Success)
        {
            await lab.DisposeAsync();
            Assert.Fail($"lab.sh up {providers} printed {list.Length} provider lines: {output.StandardOutput}");
        }
        return lab;
    }

    /// <summary>A pool of <paramref name="count"/> iperf3 servers from <paramref name="basePort"/> in a provider's namespace, on its address; not started.</summary>
    public Iperf3ServerPool Iperf3Pool(LabProvider provider, int basePort, int count) => new(new Iperf3ServerPoolOptions
    {
        BasePort = basePort, Count = count, Namespace = provider.Namespace, BindAddress = provider.Address, RunDirectory = RunDirectory,
    });

    /// <summary><see cref="Iperf3Pool"/>, started (and disposed again when it cannot start).</summary>
    public async Task<Iperf3ServerPool> StartIperf3PoolAsync(LabProvider provider, int basePort, int count)
    {
        var pool = Iperf3Pool(provider, basePort, count);
        try
        {
            await pool.StartAsync(CancellationToken.None);
            return pool;
        }
        catch
        {
            await pool.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs lab.sh and fails the test (with its stderr) unless it exits 0.</summary>
    public static async Task<ProcessOutput> RunScriptAsync(params string[] arguments)
    {
        var output = await ExternalProcess.RunAsync("bash", [ScriptPath, .. arguments], ScriptTimeout, CancellationToken.None);
        Assert.True(output.ExitCode == 0,
            $"lab.sh {string.Join(' ', arguments)} exited {output.ExitCode}: {output.StandardError}{output.StandardOutput}");
        return output;
    }

    public async ValueTask DisposeAsync() => await RunScriptAsync("down", "--prefix", Prefix);

    [GeneratedRegex(@"^provider index=(\d+) netns=(\S+) interface=(\S+) address=(\S+)")]
    private static partial Regex ProviderLine();

    [GeneratedRegex(@"consumer=(\S+)")]
    private static partial Regex ConsumerField();
}

/// <summary>Root, ip netns, tc and iperf3 must be there: the tests FAIL (never skip) without them, saying what is missing.</summary>
public static class NetworkPrerequisites
{
    public static async Task EnsureAsync()
    {
        var uid = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.True(uid == "0",
            $"The network integration tests need root (they create network namespaces, veths and tc qdiscs), but run as uid {uid}: run ./test.sh as root.");
        await Require("ip", ["netns", "list"], "'ip netns' is not usable (iproute2 missing or no permission to manage network namespaces)");
        await Require("tc", ["-V"], "tc (iproute2) is not installed");
        await Require("iperf3", ["--version"], "iperf3 is not installed: run ./test.sh (it installs iperf3) or apt-get install -y iperf3");
    }

    private static async Task Require(string executable, IReadOnlyList<string> arguments, string message)
    {
        ProcessOutput? output = null;
        try
        {
            output = await ExternalProcess.RunAsync(executable, arguments, TimeSpan.FromSeconds(10), CancellationToken.None);
        }
        catch (ExternalProcessException)
        {
            // reported below
        }
        Assert.True(output is { ExitCode: 0 }, $"Network integration tests cannot run: {message}. {output?.FirstErrorLine}");
    }

    /// <summary>Whether a process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
