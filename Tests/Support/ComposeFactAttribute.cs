namespace Auction.Tests.Support;

/// <summary>A fact that renders compose.yaml with docker-compose: skipped with the reason when it is not installed.</summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    public const string SkipReason =
        "needs docker-compose to render compose.yaml (./test.sh installs it as root; or apt-get install docker-compose)";

    public ComposeFactAttribute()
    {
        if (!ComposeConfig.IsInstalled) Skip = SkipReason;
    }
}
