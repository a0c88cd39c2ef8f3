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

/// <summary>Whether this process runs as root, and the reason root tests give when it does not.</summary>
public static class Root
{
    public const string SkipReason =
        "needs root: it creates network namespaces, veths and tc qdiscs (run ./test.sh as root; ./test.sh --fast runs the tests that need no root)";

    public static bool IsRoot => Environment.IsPrivilegedProcess;
}
