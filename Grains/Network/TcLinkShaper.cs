using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auction.Grains.Network;

/// <summary>What <c>tc</c> reports as installed on an interface after shaping: the egress tbf (provider downlink),
/// the ifb tbf (provider uplink) and whether the ingress redirect to the ifb is in place.</summary>
public sealed record ShapingReadback(TbfParameters? Downlink, TbfParameters? Uplink, bool IngressRedirected, string QdiscText);

/// <summary>
/// Shapes a provider-side interface with tc (see <see cref="LinkShape"/> for the uplink/downlink mapping and
/// <see cref="TcShapingPlan"/> for the burst rule): downlink = root tbf on the interface's egress; uplink = ingress
/// qdisc + u32 match-all filter + mirred redirect to an ifb device + tbf on the ifb. Idempotent (replace, or
/// delete-then-add), removable, verified by reading the rates back; probes the kernel's features first and fails
/// with one <see cref="LinkShapingException"/> sentence naming what is missing.
/// </summary>
public sealed class TcLinkShaper(ILogger<TcLinkShaper>? logger = null, TimeSpan? commandTimeout = null, int? hz = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<TcLinkShaper>.Instance;
    private readonly TimeSpan _timeout = commandTimeout ?? TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, bool> _probed = new();
    private int? _hz = hz;

    /// <summary>The HZ used by the burst rule: CONFIG_HZ of the running kernel, or <see cref="TcShapingPlan.SafeHz"/>.</summary>
    public int Hz => _hz ??= DetectHz();

    /// <summary>Checks that ifb devices, gso_max_size, tbf, ingress, u32 and mirred work in the namespace; throws <see cref="LinkShapingException"/> naming the first missing one.</summary>
    public async Task ProbeAsync(NetworkNamespace ns, CancellationToken cancellationToken)
    {
        var key = ns.Name ?? "";
        if (_probed.ContainsKey(key))
        {
            return;
        }
        await Step(TcFeature.TcCommand, "tc", ["-V"]).ConfigureAwait(false);
        if (ns.Name is not null)
        {
            await Step(TcFeature.Namespace, "ip", ["-n", ns.Name, "link", "show", "lo"]).ConfigureAwait(false);
        }
        var suffix = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..6];
        var a = $"prbA{suffix}";
        var b = $"prbB{suffix}";
        try
        {
            await Step(TcFeature.Ifb, "ip", IpArgs(ns, "link", "add", a, "type", "ifb")).ConfigureAwait(false);
            await Step(TcFeature.Ifb, "ip", IpArgs(ns, "link", "add", b, "type", "ifb")).ConfigureAwait(false);
            await Step(TcFeature.GsoMaxSize, "ip", IpArgs(ns, [.. TcShapingPlan.SetGsoMaxSize(a, TcShapingPlan.EgressGsoBytes)])).ConfigureAwait(false);
            await Step(TcFeature.Tbf, "tc", TcArgs(ns, ["qdisc", "add", "dev", a, "root", "handle", "1:", "tbf",
                "rate", "8000000bit", "burst", "3028", "limit", "10000"])).ConfigureAwait(false);
            await Step(TcFeature.Ingress, "tc", TcArgs(ns, TcShapingPlan.AddIngressQdisc(a))).ConfigureAwait(false);
            await Step(TcFeature.U32, "tc", TcArgs(ns, ["filter", "add", "dev", a, "parent", "ffff:", "protocol", "all",
                "prio", "2", "u32", "match", "u32", "0", "0"])).ConfigureAwait(false);
            await Step(TcFeature.Mirred, "tc", TcArgs(ns, TcShapingPlan.IngressRedirect(a, b))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var device in new[] { a, b })
            {
                try
                {
                    await ExternalProcess.RunAsync("ip", IpArgs(ns, "link", "del", device), _timeout, CancellationToken.None).ConfigureAwait(false);
                }
                catch (ExternalProcessException e)
                {
                    _logger.LogWarning("Could not remove the probe device {Device} in {Namespace}: {Error}", device, ns, e.Message);
                }
            }
        }
        _probed[key] = true;

        async Task Step(TcFeature feature, string executable, IReadOnlyList<string> arguments)
        {
            ProcessOutput output;
            try
            {
                output = await ExternalProcess.RunAsync(executable, arguments, _timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ExternalProcessException e)
            {
                throw new LinkShapingException(TcCapabilityMessages.Describe(TcFeature.TcCommand, e.Message, ns.Name), e);
            }
            if (output.ExitCode != 0)
            {
                throw new LinkShapingException(TcCapabilityMessages.Describe(feature, output.FirstErrorLine, ns.Name));
            }
        }
    }

    /// <summary>
    /// Whether the netem qdisc works in the namespace (probed once on a throwaway ifb device): null when it does,
    /// else the sentence naming what is missing. A link that asks for delay, jitter or loss needs it; no other does.
    /// </summary>
    public async Task<string?> NetemMissingAsync(NetworkNamespace ns, CancellationToken cancellationToken)
    {
        var key = "netem:" + (ns.Name ?? "");
        if (_probed.ContainsKey(key)) return null;
        await ProbeAsync(ns, cancellationToken).ConfigureAwait(false);
        var device = $"prbN{Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..6]}";
        try
        {
            var add = await ExternalProcess.RunAsync("ip", IpArgs(ns, "link", "add", device, "type", "ifb"), _timeout, cancellationToken).ConfigureAwait(false);
            if (add.ExitCode != 0) return TcCapabilityMessages.Describe(TcFeature.Ifb, add.FirstErrorLine, ns.Name);
            var netem = await ExternalProcess.RunAsync("tc", TcArgs(ns, ["qdisc", "add", "dev", device, "root", "netem", "delay", "1ms"]), _timeout, cancellationToken)
                .ConfigureAwait(false);
            if (netem.ExitCode != 0) return TcCapabilityMessages.Describe(TcFeature.Netem, netem.FirstErrorLine, ns.Name);
        }
        finally
        {
            try
            {
                await ExternalProcess.RunAsync("ip", IpArgs(ns, "link", "del", device), _timeout, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ExternalProcessException e)
            {
                _logger.LogWarning("Could not remove the probe device {Device} in {Namespace}: {Error}", device, ns, e.Message);
            }
        }
        _probed[key] = true;
        return null;
    }

    /// <summary>Shapes the interface (probing first) and returns what tc reports afterwards; applying twice gives the same state.</summary>
    /// <remarks>
    /// A shape that differs from the one in place changes it in place (tc "replace" on fixed handles): a flow
    /// running through the link goes on at the new rate instead of being cut.
    /// </remarks>
    public async Task<ShapingReadback> ApplyAsync(LinkShape shape, CancellationToken cancellationToken)
    {
        await ProbeAsync(shape.Namespace, cancellationToken).ConfigureAwait(false);
        if (shape.NeedsNetem && await NetemMissingAsync(shape.Namespace, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            throw new LinkShapingException(missing);
        }
        var plan = TcShapingPlan.Plan(shape, Hz);
        var ns = shape.Namespace;
        await Run("ip", IpArgs(ns, "link", "show", "dev", shape.Interface), "find the interface").ConfigureAwait(false);
        if (!await LinkExistsAsync(ns, plan.Ifb, cancellationToken).ConfigureAwait(false))
        {
            await Run("ip", IpArgs(ns, "link", "add", plan.Ifb, "type", "ifb"), "create the ifb device").ConfigureAwait(false);
        }
        await Run("ip", IpArgs(ns, "link", "set", "dev", plan.Ifb, "up"), "bring the ifb device up").ConfigureAwait(false);
        await Run("ip", IpArgs(ns, [.. TcShapingPlan.SetGsoMaxSize(shape.Interface, TcShapingPlan.EgressGsoBytes)]),
            "limit the GSO packets of the interface").ConfigureAwait(false);
        // Each device: tbf + priority child by "replace" with fixed handles (changes the parameters in place);
        // the priority filters are added only when ours are not exactly there already, so applying twice is a no-op.
        foreach (var device in plan.Devices)
        {
            foreach (var command in device.QdiscCommands)
            {
                // htb cannot be changed in place ("Change operation not supported"); its only option never changes
                if (command is ["qdisc", "replace", ..] && command.Contains("htb") &&
                    (await QdiscsAsync(ns, device.Device, cancellationToken).ConfigureAwait(false)).Any(q => q is { Kind: "htb", Handle: "10:" }))
                {
                    continue;
                }
                await Run("tc", TcArgs(ns, command), $"configure the qdiscs of {device.Device}").ConfigureAwait(false);
            }
            if (!await HasOnlyOurPriorityFiltersAsync(ns, device.Device, cancellationToken).ConfigureAwait(false))
            {
                await ExternalProcess.RunAsync("tc", TcArgs(ns, TcShapingPlan.DeletePriorityFilters(device.Device)), _timeout, cancellationToken).ConfigureAwait(false);
                foreach (var filter in device.Filters)
                {
                    await Run("tc", TcArgs(ns, filter), $"classify the small packets of {device.Device}").ConfigureAwait(false);
                }
            }
        }
        // The ingress redirect does not depend on the rates: keep it when exactly our one filter is there (re-adding
        // it would allocate a new mirred action index, a different state), else delete the ingress qdisc and add it anew.
        var qdiscs = await QdiscsAsync(ns, shape.Interface, cancellationToken).ConfigureAwait(false);
        var hasIngress = qdiscs.Any(q => q.Kind == "ingress");
        if (!hasIngress || !await HasOnlyOurRedirectAsync(ns, shape.Interface, plan.Ifb, cancellationToken).ConfigureAwait(false))
        {
            if (hasIngress)
            {
                await Run("tc", TcArgs(ns, TcShapingPlan.DeleteIngressQdisc(shape.Interface)), "remove the old ingress qdisc").ConfigureAwait(false);
            }
            await Run("tc", TcArgs(ns, plan.IngressCommands[0]), "add the ingress qdisc").ConfigureAwait(false);
            await Run("tc", TcArgs(ns, plan.IngressCommands[1]), "redirect the ingress to the ifb").ConfigureAwait(false);
        }

        var readback = await ReadBackAsync(shape.Interface, ns, cancellationToken).ConfigureAwait(false);
        Verify("downlink (egress)", plan.Downlink, readback.Downlink);
        Verify("uplink (ifb)", plan.Uplink, readback.Uplink);
        if (!readback.IngressRedirected)
        {
            throw new LinkShapingException($"tc: the ingress redirect of {shape.Interface} to {plan.Ifb} is not in place after shaping.");
        }
        _logger.LogInformation(
            "Shaped {Interface} in {Namespace}: uplink {Uplink} MB/s (ifb {Ifb}, burst {UpBurst} B), downlink {Downlink} MB/s (egress, burst {DownBurst} B), HZ {Hz}",
            shape.Interface, ns, shape.UplinkMBps, plan.Ifb, plan.Uplink.BurstBytes, shape.DownlinkMBps, plan.Downlink.BurstBytes, Hz);
        return readback;

        async Task Run(string executable, IReadOnlyList<string> arguments, string what)
        {
            var output = await ExternalProcess.RunAsync(executable, arguments, _timeout, cancellationToken).ConfigureAwait(false);
            if (output.ExitCode != 0)
            {
                throw new LinkShapingException(
                    $"tc: could not {what} (shaping {shape.Interface} in {ns}): '{ExternalProcess.Describe(executable, arguments)}' said: {output.FirstErrorLine}");
            }
        }

        void Verify(string direction, TbfParameters expected, TbfParameters? actual)
        {
            if (actual is null)
            {
                throw new LinkShapingException($"tc: no tbf found for the {direction} of {shape.Interface} after shaping.");
            }
            if (Math.Abs(actual.RateBytesPerSecond - expected.RateBytesPerSecond) > expected.RateBytesPerSecond * 0.01)
            {
                throw new LinkShapingException(
                    $"tc: the {direction} of {shape.Interface} reads back {actual.RateMBps:0.###} MB/s instead of {expected.RateMBps:0.###} MB/s.");
            }
        }
    }

    /// <summary>Removes the tbf, the ingress qdisc and the ifb device; a no-op when nothing is there.</summary>
    public async Task RemoveAsync(string interfaceName, NetworkNamespace ns, CancellationToken cancellationToken)
    {
        var ifb = TcShapingPlan.IfbName(interfaceName);
        var qdiscs = await QdiscsAsync(ns, interfaceName, cancellationToken).ConfigureAwait(false);
        if (qdiscs.Any(q => q is { Kind: "tbf", Root: true }))
        {
            await ExternalProcess.RunCheckedAsync("tc", TcArgs(ns, TcShapingPlan.DeleteRootQdisc(interfaceName)), _timeout, cancellationToken).ConfigureAwait(false);
        }
        if (qdiscs.Any(q => q.Kind == "ingress"))
        {
            await ExternalProcess.RunCheckedAsync("tc", TcArgs(ns, TcShapingPlan.DeleteIngressQdisc(interfaceName)), _timeout, cancellationToken).ConfigureAwait(false);
        }
        if (await LinkExistsAsync(ns, ifb, cancellationToken).ConfigureAwait(false))
        {
            await ExternalProcess.RunCheckedAsync("ip", IpArgs(ns, "link", "del", ifb), _timeout, cancellationToken).ConfigureAwait(false);
        }
        if (await LinkExistsAsync(ns, interfaceName, cancellationToken).ConfigureAwait(false))
        {
            await ExternalProcess.RunCheckedAsync("ip", IpArgs(ns, [.. TcShapingPlan.SetGsoMaxSize(interfaceName, TcShapingPlan.MaxGsoBytes)]), _timeout, cancellationToken)
                .ConfigureAwait(false);
        }
        _logger.LogInformation("Removed the shaping of {Interface} in {Namespace}", interfaceName, ns);
    }

    /// <summary>Reads <c>tc -s qdisc show</c> of the interface and its ifb (JSON for the numbers, text for people).</summary>
    public async Task<ShapingReadback> ReadBackAsync(string interfaceName, NetworkNamespace ns, CancellationToken cancellationToken)
    {
        var ifb = TcShapingPlan.IfbName(interfaceName);
        var egress = await QdiscsAsync(ns, interfaceName, cancellationToken).ConfigureAwait(false);
        var ifbQdiscs = await LinkExistsAsync(ns, ifb, cancellationToken).ConfigureAwait(false)
            ? await QdiscsAsync(ns, ifb, cancellationToken).ConfigureAwait(false)
            : [];
        var filters = await ExternalProcess.RunAsync("tc", TcArgs(ns, ["filter", "show", "dev", interfaceName, "parent", "ffff:"]), _timeout, cancellationToken).ConfigureAwait(false);
        var redirected = filters.ExitCode == 0 && filters.StandardOutput.Contains("mirred", StringComparison.Ordinal) &&
                         filters.StandardOutput.Contains(ifb, StringComparison.Ordinal);
        var text = (await ExternalProcess.RunCheckedAsync("tc", TcArgs(ns, ["-s", "qdisc", "show", "dev", interfaceName]), _timeout, cancellationToken).ConfigureAwait(false)).StandardOutput;
        if (ifbQdiscs.Count > 0)
        {
            text += (await ExternalProcess.RunCheckedAsync("tc", TcArgs(ns, ["-s", "qdisc", "show", "dev", ifb]), _timeout, cancellationToken).ConfigureAwait(false)).StandardOutput;
        }
        return new ShapingReadback(
            egress.FirstOrDefault(q => q is { Kind: "tbf", Root: true })?.Tbf,
            ifbQdiscs.FirstOrDefault(q => q is { Kind: "tbf", Root: true })?.Tbf,
            redirected,
            text);
    }

    /// <summary>The qdiscs of a device as <c>tc -j qdisc show</c> reports them (without statistics).</summary>
    internal async Task<IReadOnlyList<QdiscInfo>> QdiscsAsync(NetworkNamespace ns, string device, CancellationToken cancellationToken)
    {
        var output = await ExternalProcess.RunAsync("tc", TcArgs(ns, ["-j", "qdisc", "show", "dev", device]), _timeout, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
        {
            throw new LinkShapingException($"tc: could not list the qdiscs of {device} in {ns}: {output.FirstErrorLine}");
        }
        return QdiscInfo.ParseList(output.StandardOutput);
    }

    private async Task<bool> HasOnlyOurPriorityFiltersAsync(NetworkNamespace ns, string device, CancellationToken cancellationToken)
    {
        var filters = await ExternalProcess.RunAsync("tc", TcArgs(ns, ["filter", "show", "dev", device, "parent", "10:"]), _timeout, cancellationToken).ConfigureAwait(false);
        if (filters.ExitCode != 0)
        {
            return false;
        }
        var lines = filters.StandardOutput.Split('\n');
        return lines.Count(l => l.Contains("flowid 10:10", StringComparison.Ordinal)) == 2 &&
               lines.Count(l => l.Contains("match 00000000/0000fe00 at 0", StringComparison.Ordinal)) == 1 &&
               lines.Count(l => l.Contains("match 00000000/fe000000 at 4", StringComparison.Ordinal)) == 1 &&
               lines.Count(l => l.Contains("::", StringComparison.Ordinal)) == 2;
    }

    private async Task<bool> HasOnlyOurRedirectAsync(NetworkNamespace ns, string device, string ifb, CancellationToken cancellationToken)
    {
        var filters = await ExternalProcess.RunAsync("tc", TcArgs(ns, ["filter", "show", "dev", device, "parent", TcShapingPlan.IngressHandle]), _timeout, cancellationToken).ConfigureAwait(false);
        if (filters.ExitCode != 0)
        {
            return false;
        }
        var lines = filters.StandardOutput.Split('\n');
        return lines.Count(l => l.Contains("action order", StringComparison.Ordinal)) == 1 &&
               lines.Count(l => l.Contains("mirred", StringComparison.Ordinal) && l.Contains($"to device {ifb})", StringComparison.Ordinal)) == 1 &&
               lines.Count(l => l.Contains("fh 800::800", StringComparison.Ordinal)) == 1 &&
               lines.Count(l => l.Contains(" u32 ", StringComparison.Ordinal) && l.Contains("fh ", StringComparison.Ordinal) && l.Contains("::", StringComparison.Ordinal)) == 1;
    }

    private async Task<bool> LinkExistsAsync(NetworkNamespace ns, string device, CancellationToken cancellationToken) =>
        (await ExternalProcess.RunAsync("ip", IpArgs(ns, "link", "show", "dev", device), _timeout, cancellationToken).ConfigureAwait(false)).ExitCode == 0;

    internal static IReadOnlyList<string> TcArgs(NetworkNamespace ns, IReadOnlyList<string> arguments) =>
        ns.Name is null ? arguments : ["-n", ns.Name, .. arguments];

    internal static IReadOnlyList<string> IpArgs(NetworkNamespace ns, params string[] arguments) =>
        ns.Name is null ? arguments : ["-n", ns.Name, .. arguments];

    private static int DetectHz()
    {
        try
        {
            if (File.Exists("/proc/config.gz"))
            {
                using var file = File.OpenRead("/proc/config.gz");
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                using var reader = new StreamReader(gzip);
                if (TcShapingPlan.ParseConfigHz(reader.ReadToEnd()) is { } fromProc)
                {
                    return fromProc;
                }
            }
            var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
            var boot = $"/boot/config-{release}";
            if (File.Exists(boot) && TcShapingPlan.ParseConfigHz(File.ReadAllText(boot)) is { } fromBoot)
            {
                return fromBoot;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // fall through to the safe assumption
        }
        return TcShapingPlan.SafeHz;
    }
}

/// <summary>One qdisc from <c>tc -j qdisc show</c>.</summary>
internal sealed record QdiscInfo(string Kind, string? Handle, bool Root, TbfParameters? Tbf)
{
    public static IReadOnlyList<QdiscInfo> ParseList(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        var qdiscs = JsonSerializer.Deserialize(json, NetworkJsonContext.Default.TcQdiscJsonArray) ?? [];
        return qdiscs.Select(q => new QdiscInfo(q.Kind ?? "", q.Handle, q.Root,
                q is { Kind: "tbf", Options: { Rate: { } rate, Burst: { } burst } } ? new TbfParameters(rate, burst, 0) : null))
            .ToArray();
    }
}
