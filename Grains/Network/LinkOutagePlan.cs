using System.Globalization;

namespace Auction.Grains.Network;

/// <summary>
/// Pure: the iptables rules that take a provider's link down for its users — every TCP segment to or from its iperf3
/// server ports is answered with a reset — and the commands that check, add and remove them. No I/O.
/// </summary>
/// <remarks>
/// Not <c>ip link set … down</c>: in the lab and the containers the provider's silo talks to the cluster over the
/// same interface, and a silo cut off for longer than the membership's probe limit is declared dead and stops. The
/// rules cut exactly what a user of the network would lose — its flows — while the shaping stays in place, and a
/// running flow fails at its next segment with a reset, a reason the flow's record carries.
/// </remarks>
public static class LinkOutagePlan
{
    /// <summary>Marks the rules as ours, so that checking and removing them never touches anyone else's.</summary>
    public const string Comment = "auction-link-outage";

    /// <summary>The two rules (incoming to the server ports, outgoing from them), as iptables rule specifications.</summary>
    public static IReadOnlyList<(string Chain, IReadOnlyList<string> Rule)> Rules(int basePort, int portCount)
    {
        if (basePort < 1 || portCount < 1 || basePort + portCount - 1 > 65535)
            throw new ArgumentOutOfRangeException(nameof(portCount), $"ports {basePort}..{basePort + portCount - 1} are not a valid range");
        var range = $"{Invariant(basePort)}:{Invariant(basePort + portCount - 1)}";
        return
        [
            ("INPUT", ["-p", "tcp", "--dport", range, "-m", "comment", "--comment", Comment, "-j", "REJECT", "--reject-with", "tcp-reset"]),
            ("OUTPUT", ["-p", "tcp", "--sport", range, "-m", "comment", "--comment", Comment, "-j", "REJECT", "--reject-with", "tcp-reset"]),
        ];
    }

    /// <summary>
    /// ss arguments that close the connections already established on the server ports (<c>ss -K</c>): a download
    /// whose server only sends would otherwise wait for its idle timeout, as a receiver that sends nothing never meets
    /// the reset.
    /// </summary>
    public static IReadOnlyList<string> CloseEstablished(int basePort, int portCount) =>
        ["-K", "-t", "state", "established", $"( sport >= :{Invariant(basePort)} and sport <= :{Invariant(basePort + portCount - 1)} )"];

    /// <summary>iptables arguments: <c>-C</c> (is it there?), <c>-I</c> (add it first) or <c>-D</c> (remove it).</summary>
    public static IReadOnlyList<string> Command(string action, string chain, IReadOnlyList<string> rule) =>
        ["-w", "5", action, chain, .. rule];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
