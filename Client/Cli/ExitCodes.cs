namespace Auction.Client.Cli;

/// <summary>The CLI's exit codes, the same for every command so that scripts can rely on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>An experiment ran, but more transactions failed than the allowed threshold.</summary>
    public const int Failures = 1;
    /// <summary>Bad input: arguments, a config or a scenario; nothing was sent or written.</summary>
    public const int BadInput = 2;
    /// <summary>The cluster or the database could not be reached.</summary>
    public const int Unreachable = 3;
}
