using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auction.Grains.Network;

/// <summary>
/// Takes a provider's link down for its users and brings it back (<see cref="LinkOutagePlan"/>) with iptables in the
/// provider's namespace: idempotent both ways, and the shaping is never touched.
/// </summary>
public sealed class LinkOutageSwitch(ILogger<LinkOutageSwitch>? logger = null, TimeSpan? commandTimeout = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<LinkOutageSwitch>.Instance;
    private readonly TimeSpan _timeout = commandTimeout ?? TimeSpan.FromSeconds(10);

    /// <summary>Down: the rules are in place (added once); up: none of them is left.</summary>
    public async Task SetAsync(NetworkNamespace ns, int basePort, int portCount, bool down, CancellationToken cancellationToken)
    {
        foreach (var (chain, rule) in LinkOutagePlan.Rules(basePort, portCount))
        {
            if (down)
            {
                // The running flows are closed once nothing new gets in (INPUT) but before the provider's own segments
                // are turned away (OUTPUT), which would swallow the resets that tell their users.
                if (chain == "OUTPUT") await CloseEstablishedAsync(ns, basePort, portCount, cancellationToken).ConfigureAwait(false);
                if (!await PresentAsync(ns, chain, rule, cancellationToken).ConfigureAwait(false))
                    await RunCheckedAsync(ns, LinkOutagePlan.Command("-I", chain, rule), cancellationToken).ConfigureAwait(false);
                continue;
            }
            // a rule added twice by hand is removed twice: up means none is left
            while (await PresentAsync(ns, chain, rule, cancellationToken).ConfigureAwait(false))
                await RunCheckedAsync(ns, LinkOutagePlan.Command("-D", chain, rule), cancellationToken).ConfigureAwait(false);
        }
        _logger.LogInformation("Link of ports {First}-{Last} in {Namespace} is {State}", basePort, basePort + portCount - 1, ns, down ? "down" : "up");
    }

    /// <summary>Whether the link is down (both rules in place).</summary>
    public async Task<bool> IsDownAsync(NetworkNamespace ns, int basePort, int portCount, CancellationToken cancellationToken)
    {
        foreach (var (chain, rule) in LinkOutagePlan.Rules(basePort, portCount))
            if (!await PresentAsync(ns, chain, rule, cancellationToken).ConfigureAwait(false)) return false;
        return true;
    }

    /// <summary>
    /// Whether the outage can be applied in the namespace: null when iptables runs and knows the rules' match and
    /// target (each rule checked with <c>-C</c>, which changes nothing), else one sentence naming what is missing.
    /// A world that takes the link down needs it; no other does.
    /// </summary>
    public async Task<string?> MissingAsync(NetworkNamespace ns, int basePort, int portCount, CancellationToken cancellationToken)
    {
        foreach (var (chain, rule) in LinkOutagePlan.Rules(basePort, portCount))
        {
            var (executable, arguments) = ns.Wrap("iptables", LinkOutagePlan.Command("-C", chain, rule));
            ProcessOutput output;
            try
            {
                output = await ExternalProcess.RunAsync(executable, arguments, _timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ExternalProcessException e)
            {
                return $"iptables: the iptables command is not installed or does not run ({e.Message.Trim().TrimEnd('.')})";
            }
            // -C: 0 present, 1 absent; anything else (no such match or target, not permitted) is what is missing
            if (output.ExitCode is not (0 or 1)) return $"iptables: the outage rule cannot be checked in {ns} ({output.FirstErrorLine})";
        }
        return null;
    }

    /// <summary>Closes the flows running on the ports when the link goes down; a kernel without socket destruction leaves them to their timeouts (logged).</summary>
    private async Task CloseEstablishedAsync(NetworkNamespace ns, int basePort, int portCount, CancellationToken cancellationToken)
    {
        var (executable, arguments) = ns.Wrap("ss", LinkOutagePlan.CloseEstablished(basePort, portCount));
        var output = await ExternalProcess.RunAsync(executable, arguments, _timeout, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
            _logger.LogWarning("Could not close the running flows of {Namespace} (they end at their own timeouts): {Error}", ns, output.FirstErrorLine);
    }

    private async Task<bool> PresentAsync(NetworkNamespace ns, string chain, IReadOnlyList<string> rule, CancellationToken cancellationToken)
    {
        var (executable, arguments) = ns.Wrap("iptables", LinkOutagePlan.Command("-C", chain, rule));
        var output = await ExternalProcess.RunAsync(executable, arguments, _timeout, cancellationToken).ConfigureAwait(false);
        // -C exits 1 when the rule is absent; anything else (2: no such match or target, not root) is an error
        if (output.ExitCode is 0 or 1) return output.ExitCode == 0;
        throw new LinkShapingException($"iptables: could not check the outage rule of {ns}: {output.FirstErrorLine}");
    }

    private async Task RunCheckedAsync(NetworkNamespace ns, IReadOnlyList<string> iptablesArguments, CancellationToken cancellationToken)
    {
        var (executable, arguments) = ns.Wrap("iptables", iptablesArguments);
        var output = await ExternalProcess.RunAsync(executable, arguments, _timeout, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
            throw new LinkShapingException($"iptables: '{ExternalProcess.Describe("iptables", iptablesArguments)}' in {ns} failed: {output.FirstErrorLine}");
    }
}
