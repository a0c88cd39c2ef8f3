namespace Auction.Grains.Network;

/// <summary>A kernel / iproute2 feature the link shaper needs.</summary>
public enum TcFeature
{
    TcCommand,
    Namespace,
    Ifb,
    Tbf,
    Ingress,
    U32,
    Mirred,
    /// <summary>Setting a device's largest GSO packet (<c>ip link set dev … gso_max_size</c>), which keeps the downlink's burst small.</summary>
    GsoMaxSize,
    /// <summary>The netem qdisc (delay, jitter, loss): probed only when a link asks for one.</summary>
    Netem,
}

/// <summary>The link cannot be shaped; the message is one sentence naming the missing feature or the failed step.</summary>
public sealed class LinkShapingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Pure mapping of a failed capability probe (feature + what tc/ip said) to one sentence for the operator.</summary>
public static class TcCapabilityMessages
{
    public static string Describe(TcFeature feature, string? toolOutput, string? namespaceName = null)
    {
        var said = FirstLine(toolOutput);
        var suffix = said is null ? "" : $" ({said})";
        if (said is not null && said.Contains("Operation not permitted", StringComparison.OrdinalIgnoreCase))
        {
            return $"tc: not permitted to configure {Name(feature)}: run as root or with CAP_NET_ADMIN{suffix}.";
        }
        if (said is not null && namespaceName is not null &&
            (said.Contains("Cannot open network namespace", StringComparison.OrdinalIgnoreCase) ||
             said.Contains("Invalid netns", StringComparison.OrdinalIgnoreCase)))
        {
            return $"tc: the network namespace '{namespaceName}' does not exist{suffix}.";
        }
        return feature switch
        {
            TcFeature.TcCommand => $"tc: the tc or ip command (iproute2) is not installed or does not run{suffix}.",
            TcFeature.Namespace => $"tc: the network namespace '{namespaceName}' is not usable{suffix}.",
            TcFeature.Ifb => $"tc: the ifb device type is not available in this kernel (CONFIG_IFB){suffix}.",
            TcFeature.Tbf => $"tc: the tbf qdisc is not available in this kernel (CONFIG_NET_SCH_TBF){suffix}.",
            TcFeature.Ingress => $"tc: the ingress qdisc is not available in this kernel (CONFIG_NET_SCH_INGRESS){suffix}.",
            TcFeature.U32 => $"tc: the u32 classifier is not available in this kernel (CONFIG_NET_CLS_U32){suffix}.",
            TcFeature.Mirred => $"tc: the mirred action is not available in this kernel (CONFIG_NET_ACT_MIRRED){suffix}.",
            TcFeature.GsoMaxSize => $"tc: this kernel or ip does not let a device's gso_max_size be set ('ip link set dev … gso_max_size'){suffix}.",
            TcFeature.Netem => $"tc: the netem qdisc (delay, jitter, loss) is not available in this kernel (CONFIG_NET_SCH_NETEM){suffix}.",
            _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "unknown feature"),
        };
    }

    private static string Name(TcFeature feature) => feature switch
    {
        TcFeature.TcCommand => "traffic control",
        TcFeature.Namespace => "the network namespace",
        TcFeature.Ifb => "an ifb device",
        TcFeature.Tbf => "a tbf qdisc",
        TcFeature.Ingress => "an ingress qdisc",
        TcFeature.U32 => "a u32 filter",
        TcFeature.Mirred => "a mirred action",
        TcFeature.GsoMaxSize => "the gso_max_size of a device",
        TcFeature.Netem => "a netem qdisc",
        _ => feature.ToString(),
    };

    private static string? FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
