using System.Globalization;
using System.Text.RegularExpressions;
using Auction.Client.Statistics;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;

namespace Auction.Client.Bench;

/// <summary>One configured rate and flow size of <c>bench shaping</c>: what the flows measured through the shaped link
/// (the median of the repeats, and every repeat), and the tbf burst of each direction.</summary>
public sealed record ShapingFigure(
    double ConfiguredMBps, double FlowMb, double? UpMBps, double? DownMBps, double Seconds, string? Error,
    IReadOnlyList<double> UpRuns, IReadOnlyList<double> DownRuns, long UpBurstBytes, long DownBurstBytes)
{
    public double? UpRatio => UpMBps / ConfiguredMBps;
    public double? DownRatio => DownMBps / ConfiguredMBps;

    /// <summary>The smallest and largest repeat as a share of the configured rate ("0.95-1.02"); null without repeats.</summary>
    public static string? Range(IReadOnlyList<double> runs, double configured) =>
        runs.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{runs.Min() / configured:0.000}-{runs.Max() / configured:0.000}");

    public static double Median(IReadOnlyList<double> runs) => Quantiles.OfSorted(runs.Order().ToArray(), 0.5);
}

/// <summary>The provider namespace <c>infra/lab/lab.sh up 1</c> made.</summary>
public sealed record LabProviderLine(string Namespace, string Interface, string Address);

/// <summary>
/// <c>bench shaping</c>: one provider namespace from lab.sh, iperf3 servers in it (<see cref="Iperf3ServerPool"/>),
/// and for every rate: shape its link with <see cref="TcLinkShaper"/> (re-applied on the same interface), move an
/// upload and a download of every flow size with <see cref="Iperf3FlowRunner"/> (at the same time, as a real flow
/// does), repeated, and read the receiver-side MB/s: the median of the repeats and their range. Everything it starts is stopped and the lab torn down at the end.
/// </summary>
public static partial class ShapingBenchmark
{
    public const int BasePort = 5201;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    public static Task<IReadOnlyList<ShapingFigure>> RunAsync(
        string labScript, string prefix, string subnet, IReadOnlyList<double> rates, IReadOnlyList<double> sizesMb, double? seconds,
        Action<string>? progress, CancellationToken cancellationToken, int repeat = 1) =>
        InLabAsync(labScript, prefix, subnet, progress, async (provider, ct) =>
        {
            var figures = new List<ShapingFigure>();
            var ns = new NetworkNamespace(provider.Namespace);
            var shaper = new TcLinkShaper();
            var runner = new Iperf3FlowRunner();
            foreach (double rate in rates)
            {
                ct.ThrowIfCancellationRequested();
                // the same interface every time: each rate replaces the previous one's qdiscs in place
                var shape = new LinkShape(provider.Interface, ns, rate, rate);
                await shaper.ApplyAsync(shape, ct).ConfigureAwait(false);
                var plan = TcShapingPlan.Plan(shape, shaper.Hz);
                var sizes = seconds is { } s ? sizesMb.Append(Math.Round(rate * s, 3)) : sizesMb;
                foreach (double flowMb in sizes)
                {
                    progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{rate} MB/s: {flowMb} MB up and {flowMb} MB down at once, {repeat}×"));
                    var ups = new List<double>();
                    var downs = new List<double>();
                    double took = 0;
                    string? error = null;
                    for (var run = 0; run < Math.Max(1, repeat) && error is null; run++)
                    {
                        var flow = await runner.RunAsync("provider-0", new LinkEndpoint(provider.Address, BasePort, 2, rate, rate), flowMb, null, ct)
                            .ConfigureAwait(false);
                        took += (flow.EndedAt - flow.StartedAt).TotalSeconds;
                        if (flow.Succeeded)
                        {
                            ups.Add(flow.UplinkMBps);
                            downs.Add(flow.DownlinkMBps);
                        }
                        else
                        {
                            error = flow.Error;
                        }
                    }
                    figures.Add(error is null
                        ? new ShapingFigure(rate, flowMb, ShapingFigure.Median(ups), ShapingFigure.Median(downs), took, null, ups, downs, plan.Uplink.BurstBytes, plan.Downlink.BurstBytes)
                        : new ShapingFigure(rate, flowMb, null, null, took, error, ups, downs, plan.Uplink.BurstBytes, plan.Downlink.BurstBytes));
                }
            }
            return (IReadOnlyList<ShapingFigure>)figures;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="body"/> on a one-provider lab of its own: <c>lab.sh up 1</c>, two iperf3 servers in the
    /// namespace from <see cref="BasePort"/>, and <c>lab.sh down</c> at the end, also after Ctrl-C or a failure.
    /// </summary>
    public static async Task<T> InLabAsync<T>(
        string labScript, string prefix, string subnet, Action<string>? progress, Func<LabProviderLine, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            progress?.Invoke($"lab.sh up 1 --prefix {prefix} --subnet {subnet}");
            var up = await ExternalProcess.RunCheckedAsync("bash", [labScript, "up", "1", "--prefix", prefix, "--subnet", subnet], ScriptTimeout, cancellationToken)
                .ConfigureAwait(false);
            var provider = ParseProvider(up.StandardOutput)
                ?? throw new ExternalProcessException($"lab.sh up printed no provider line: {up.StandardOutput.Trim()}");
            await using var pool = new Iperf3ServerPool(new Iperf3ServerPoolOptions
            {
                BasePort = BasePort, Count = 2, Namespace = provider.Namespace, BindAddress = provider.Address, RunDirectory = $"/run/auction-lab/{prefix}",
            });
            await pool.StartAsync(cancellationToken).ConfigureAwait(false);
            return await body(provider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // lab.sh down kills what runs in the namespace and deletes it
            await ExternalProcess.RunAsync("bash", [labScript, "down", "--prefix", prefix], ScriptTimeout, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static LabProviderLine? ParseProvider(string labOutput)
    {
        var match = labOutput.Split('\n').Select(l => ProviderLine().Match(l)).FirstOrDefault(m => m.Success);
        return match is null ? null : new LabProviderLine(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
    }

    /// <summary>infra/lab/lab.sh above the current directory or the program's directory, or null.</summary>
    public static string? FindLabScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "infra", "lab", "lab.sh");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    [GeneratedRegex(@"^provider index=\d+ netns=(\S+) interface=(\S+) address=(\S+)")]
    private static partial Regex ProviderLine();
}
