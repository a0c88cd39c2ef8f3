namespace Auction.Client.Cli;

/// <summary>
/// How the client's hints ("see it again with: …") name the client: as the ./auction script says it was called
/// (AUCTION_COMMAND, shell-quoted), so a hint pastes into the caller's shell; plain <c>auction</c> otherwise.
/// </summary>
public static class CommandName
{
    public const string EnvironmentVariable = "AUCTION_COMMAND";

    public static string Shown =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 and <= 300 } called && !called.Contains('\n')
            ? called
            : "auction";
}
