namespace Auction.Grains.Placement;

/// <summary>
/// What a silo hosts, published in its silo metadata so that placement can find it: its role and, for a
/// provider silo, the provider ids it owns (the link, the namespace, the iperf3 servers).
/// </summary>
public static class SiloRoles
{
    public const string RoleKey = "auction.role";
    public const string ProvidersKey = "auction.providers";

    public const string Provider = "provider";
    public const string Consumer = "consumer";
    /// <summary>One silo for everything: the simulated mode and tests.</summary>
    public const string All = "all";

    /// <summary>The value of <see cref="ProvidersKey"/> for a silo that may host any provider.</summary>
    public const string AnyProvider = "*";

    public static IReadOnlyList<string> Known { get; } = [Provider, Consumer, All];

    public static Dictionary<string, string> Metadata(string role, IEnumerable<string> providerIds) => new()
    {
        [RoleKey] = role,
        [ProvidersKey] = role == All ? AnyProvider : string.Join(',', providerIds),
    };

    /// <summary>
    /// The provider ids a silo's metadata says it hosts (<see cref="AnyProvider"/> among them for a silo that may host
    /// any); null when the silo has not published them yet.
    /// </summary>
    public static string[]? HostedProviders(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(ProvidersKey, out var hosted)
            ? hosted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
}
