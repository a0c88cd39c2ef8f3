using System.Text.RegularExpressions;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Deployment;

/// <summary>compose.yaml is valid for Debian's docker-compose and describes the reference deployment.</summary>
public sealed class ComposeFileTests
{
    private static readonly string Root = RepositoryRoot.Path;

    [Fact]
    public void The_compose_file_is_valid_and_holds_the_reference_topology()
    {
        var (exit, output) = ComposeConfig.Render(Path.Combine(Root, ".env.example"));
        Assert.True(exit == 0, $"docker-compose config failed ({exit}): {output}");

        var providers = Regex.Matches(output, @"^  provider-(\d+):$", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 10), providers);
        Assert.Equal(10, Regex.Matches(output, @"^    privileged: true$", RegexOptions.Multiline).Count);
        var faulty = Regex.Matches(output, @"Auction__Provider__Faulty: '?""?(true|false)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(5, faulty.Count(f => f == "true"));
        Assert.Equal(5, faulty.Count(f => f == "false"));
        // The dashboard is published on loopback only; the client is a tool, not a service that starts.
        Assert.Contains("- 127.0.0.1:8080:8080/tcp", output);
        Assert.Matches(@"client:[\s\S]*profiles:\s+- tools", output);
        // Credentials come from the env file, never from the compose file itself.
        Assert.Contains("Username=auction;Password=change-me-too", output);
        Assert.Contains("10-app-role.sh", output);
        // Mutual TLS: a one-shot service makes the cluster CA and member certificates; every member reads them.
        Assert.Contains("Auction__Tls__Directory: /certs", output);
        Assert.Matches(@"certs:[\s\S]*make-certs.sh[\s\S]*provider-9", output);
        var compose = File.ReadAllText(Path.Combine(Root, "compose.yaml"));
        Assert.DoesNotMatch("Password=[^$]", compose);
        // ...and the example passwords are refused before PostgreSQL starts
        Assert.Contains("change-me*) echo 'postgres: set POSTGRES_PASSWORD and AUCTION_DB_PASSWORD in .env", compose);
    }

    [Fact]
    public void Without_credentials_the_compose_file_refuses_to_render()
    {
        string empty = Path.GetTempFileName();
        try
        {
            var (exit, output) = ComposeConfig.Render(empty);
            Assert.NotEqual(0, exit);
            Assert.Contains("set POSTGRES_USER in .env", output);
        }
        finally
        {
            File.Delete(empty);
        }
    }
}
