using Auction.Grains.Network;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Network;

/// <summary>(f) lab.sh: topology, status, and down after a simulated crash.</summary>
[Collection(NetworkLabCollection.Name)]
public sealed class LabScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [RootFact]
    public async Task Up_makes_namespaces_on_a_bridge_with_only_the_lab_subnet_routed()
    {
        await using var lab = await NetworkLab.UpAsync(3);

        Assert.Equal([0, 1, 2], lab.Providers.Select(p => p.Index));
        var octets = lab.Subnet.Split('.');
        Assert.Equal($"{octets[0]}.{octets[1]}.{octets[2]}.1", lab.ConsumerAddress);
        for (var i = 0; i < 3; i++)
        {
            var p = lab.Providers[i];
            Assert.Equal($"{lab.Prefix}-p{i}", p.Namespace);
            Assert.Equal("eth0", p.Interface);
            Assert.Equal($"{octets[0]}.{octets[1]}.{octets[2]}.{10 + i}", p.Address);
            var routes = (await ExternalProcess.RunCheckedAsync("ip", ["-n", p.Namespace, "route", "show"], Timeout, CancellationToken.None)).StandardOutput;
            Assert.Equal($"{octets[0]}.{octets[1]}.{octets[2]}.0/24 dev eth0 proto kernel scope link src {p.Address}",
                routes.Trim());
            var master = (await ExternalProcess.RunCheckedAsync("ip", ["-o", "link", "show", $"{lab.Prefix}-v{i}"], Timeout, CancellationToken.None)).StandardOutput;
            Assert.Contains($"master {lab.Prefix}-br", master);
        }
        // the root namespace reaches the /24 through the bridge, not through its default route
        var route = (await ExternalProcess.RunCheckedAsync("ip", ["route", "get", lab.Providers[1].Address], Timeout, CancellationToken.None)).StandardOutput;
        Assert.Contains($"dev {lab.Prefix}-br src {lab.ConsumerAddress}", route);

        var status = (await NetworkLab.RunScriptAsync("status", "--prefix", lab.Prefix)).StandardOutput;
        Assert.Contains($"bridge {lab.Prefix}-br {lab.ConsumerAddress}/24", status);
        Assert.Equal(3, status.Split('\n').Count(l => l.StartsWith($"netns {lab.Prefix}-p", StringComparison.Ordinal)));
    }

    [RootFact]
    public async Task Down_after_a_crash_removes_everything_and_every_iperf3()
    {
        var lab = await NetworkLab.UpAsync(2);
        var pids = new List<int>();
        try
        {
            // a crashed silo: daemonised iperf3 servers left running in the namespaces, one with a pid file
            foreach (var p in lab.Providers)
            {
                await ExternalProcess.RunCheckedAsync("ip", ["netns", "exec", p.Namespace, "iperf3", "-s", "-D", "-p", "5201", "-B", p.Address,
                    "-I", Path.Combine(lab.RunDirectory, $"iperf3-{p.Namespace}-5201.pid")], Timeout, CancellationToken.None);
                await ExternalProcess.RunCheckedAsync("ip", ["netns", "exec", p.Namespace, "iperf3", "-s", "-D", "-p", "5202"], Timeout, CancellationToken.None);
            }
            await Eventually.TrueAsync(() =>
            {
                pids.Clear();
                foreach (var p in lab.Providers)
                {
                    var o = ExternalProcess.RunAsync("ip", ["netns", "pids", p.Namespace], Timeout, CancellationToken.None).GetAwaiter().GetResult();
                    pids.AddRange(o.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
                }
                return pids.Count == 4;
            }, TimeSpan.FromSeconds(10), "4 daemonised iperf3 servers in the lab namespaces");
            Assert.All(pids, pid => Assert.Equal("iperf3", File.ReadAllText($"/proc/{pid}/comm").Trim()));
        }
        finally
        {
            await NetworkLab.RunScriptAsync("down", "--prefix", lab.Prefix);
        }

        await Eventually.TrueAsync(() => pids.All(pid => !NetworkPrerequisites.IsAlive(pid)), TimeSpan.FromSeconds(5),
            $"the lab's iperf3 processes {string.Join(',', pids)} to be gone");
        var namespaces = (await ExternalProcess.RunCheckedAsync("ip", ["netns", "list"], Timeout, CancellationToken.None)).StandardOutput;
        Assert.DoesNotContain(lab.Prefix, namespaces);
        var links = (await ExternalProcess.RunCheckedAsync("ip", ["-o", "link"], Timeout, CancellationToken.None)).StandardOutput;
        Assert.DoesNotContain(lab.Prefix, links);
        Assert.False(Directory.Exists(lab.RunDirectory));
        // idempotent: down again succeeds and status shows nothing
        await NetworkLab.RunScriptAsync("down", "--prefix", lab.Prefix);
        var status = (await NetworkLab.RunScriptAsync("status", "--prefix", lab.Prefix)).StandardOutput;
        Assert.Equal($"bridge {lab.Prefix}-br absent", status.Trim());
    }

    [RootTheory]
    [InlineData("up 0", "N must be a whole number from 1 to 240")]
    [InlineData("up 2 --subnet 8.8.8.0/24", "must be a private range")]
    [InlineData("up 2 --prefix Bad_Name", "must be 1-10 lower-case letters/digits")]
    [InlineData("frobnicate", "unknown command 'frobnicate'")]
    public async Task Bad_input_is_refused_with_one_sentence(string arguments, string expected)
    {
        await NetworkPrerequisites.EnsureAsync();
        var output = await ExternalProcess.RunAsync("bash", [NetworkLab.ScriptPath, .. arguments.Split(' ')], Timeout, CancellationToken.None);

        Assert.NotEqual(0, output.ExitCode);
        Assert.Contains(expected, output.StandardError);
    }
}
