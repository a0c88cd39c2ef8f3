namespace Auction.Tests.Integration.Chaos;

/// <summary>A chaos test: skipped, saying why, when the tests do not run as root (namespaces, tc, signals to silos).</summary>
public sealed class ChaosFactAttribute : FactAttribute
{
    public ChaosFactAttribute()
    {
        var uid = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        if (uid != "0") Skip = $"the chaos tests need root (network namespaces, tc, iperf3, signals to silos) but run as uid {uid}; run ./test.sh as root";
    }
}
