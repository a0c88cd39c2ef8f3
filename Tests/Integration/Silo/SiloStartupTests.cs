using Auction.Tests.Support;

namespace Auction.Tests.Integration.Silo;

/// <summary>A real silo process that cannot start says why in one sentence and exits non-zero, without a stack trace.</summary>
public sealed class SiloStartupTests
{
    public static TheoryData<string, Dictionary<string, string>, int, string> Failures => new()
    {
        {
            "unknown role",
            new() { ["Auction__Role"] = "banker" },
            2, "silo: Auction:Role must be one of provider, consumer, all, got 'banker'."
        },
        {
            "missing provider id",
            new() { ["Auction__Role"] = "provider", ["Auction__Network__Mode"] = "lab", ["ConnectionStrings__Auction"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=x" },
            2, "silo: Auction:Provider:Id is required for the provider role"
        },
        {
            "unreachable database",
            new() { ["Auction__Role"] = "consumer", ["ConnectionStrings__Auction"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=3", ["Auction__Tls__Enabled"] = "false" },
            3, "silo: cannot use PostgreSQL at 127.0.0.1:1 (database 'x'): Failed to connect to 127.0.0.1:1"
        },
        {
            "all-in-one silo on real links",
            new() { ["Auction__Role"] = "all", ["Auction__Network__Mode"] = "lab" },
            2, "silo: Auction:Role 'all' runs every provider in one process"
        },
        {
            "no tc or iperf3 for a lab provider",
            new()
            {
                ["Auction__Role"] = "provider", ["Auction__Provider__Id"] = "provider-1", ["Auction__Network__Mode"] = "lab",
                ["Auction__Database__Migrate"] = "false", ["ConnectionStrings__Auction"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=x",
                ["PATH"] = "/nonexistent", ["Auction__Tls__Enabled"] = "false",
            },
            3, "silo: the iperf3 command is not installed, and the lab and container modes need it"
        },
        {
            "a cluster member without a certificate",
            new() { ["Auction__Role"] = "consumer", ["ConnectionStrings__Auction"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=x" },
            2, "silo: Auction:Tls:CaFile is required: every cluster connection uses mutual TLS"
        },
    };

    [Fact]
    public async Task A_provider_silo_serves_only_the_provider_its_certificate_names()
    {
        using var certificates = await TestCertificates.MakeAsync("provider-5");
        var environment = new Dictionary<string, string>(certificates.SiloEnvironment("provider-5"))
        {
            ["Auction__Role"] = "provider", ["Auction__Provider__Id"] = "provider-3", ["Auction__Network__Mode"] = "simulated",
            ["Auction__Database__Migrate"] = "false", ["ConnectionStrings__Auction"] = "Host=127.0.0.1;Port=1;Username=x;Database=x",
            ["Auction__Cluster__SiloPort"] = FreePort.Next().ToString(), ["Auction__Cluster__GatewayPort"] = "0",
        };
        await using var silo = SiloProcess.Start(environment);
        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the silo kept running:\n{silo.Output}");
        Assert.Equal(2, silo.ExitCode);
        var line = Assert.Single(silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("silo: ", StringComparison.Ordinal));
        Assert.Equal("silo: Auction:Provider:Id 'provider-3' is not the provider this silo's certificate names (provider 'provider-5'): a provider silo serves only the provider in its certificate.", line);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_silo_that_cannot_start_says_why_in_one_line(string _, Dictionary<string, string> environment, int exitCode, string message)
    {
        environment["Auction__Dashboard__Urls"] = $"http://127.0.0.1:{FreePort.Next()}";
        environment["Auction__Cluster__SiloPort"] = FreePort.Next().ToString();
        environment["Auction__Cluster__GatewayPort"] = FreePort.Next().ToString();
        await using var silo = SiloProcess.Start(environment);
        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the silo kept running:\n{silo.Output}");
        Assert.Equal(exitCode, silo.ExitCode);
        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.StartsWith("silo: ", StringComparison.Ordinal));
        Assert.StartsWith(message, line);
        Assert.DoesNotContain("   at ", silo.Output);
    }
}
