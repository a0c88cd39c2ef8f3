namespace Auction.Tests.Support;

/// <summary>A fact that needs root (network namespaces, veths, tc): skipped with the reason when not run as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Root.IsRoot) Skip = Root.SkipReason;
    }
}

/// <summary>A theory that needs root: skipped with the reason when not run as root.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Root.IsRoot) Skip = Root.SkipReason;
    }
}

/// <summary>Whether this process runs as root (effective uid 0), read from /proc so no native call is needed.</summary>
public static class Root
{
    public const string SkipReason =
        "needs root: it creates network namespaces, veths and tc qdiscs (run ./test.sh as root; ./test.sh --fast runs the tests that need no root)";

    public static bool IsRoot { get; } = ReadEffectiveUid() == "0";

    private static string? ReadEffectiveUid()
    {
        try
        {
            // "Uid:\treal\teffective\tsaved\tfilesystem"
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 2 } ? fields[2] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
