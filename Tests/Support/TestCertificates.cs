using CliWrap;
using CliWrap.Buffered;

namespace Auction.Tests.Support;

/// <summary>
/// A cluster CA and member certificates made by infra/certs/make-certs.sh in a unique temp folder (deleted on
/// dispose), and the <c>Auction__Tls__*</c> settings that hand them to a silo or a client.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Makes a CA and a certificate for every name (e.g. consumer, client, provider-0).</summary>
    public static async Task<TestCertificates> MakeAsync(params string[] names)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"auction-certs-{Guid.NewGuid():N}");
        await AddAsync(directory, names);
        return new TestCertificates(directory);
    }

    /// <summary>Another CA's certificates: what a stranger to the cluster holds.</summary>
    public static Task<TestCertificates> MakeForeignAsync(params string[] names) => MakeAsync(names);

    public Task AddAsync(params string[] names) => AddAsync(Directory, names);

    private static async Task AddAsync(string directory, string[] names)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await Cli.Wrap("bash")
            .WithArguments([RepositoryRoot.Combine("infra", "certs", "make-certs.sh"), directory, .. names])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"make-certs.sh exited {result.ExitCode}: {result.StandardError}");
    }

    /// <summary>The silo settings (environment variables) that make <paramref name="name"/>'s certificate the member's identity.</summary>
    public Dictionary<string, string> SiloEnvironment(string name) => new()
    {
        ["Auction__Tls__CaFile"] = Path.Combine(Directory, "ca.crt"),
        ["Auction__Tls__CertificateFile"] = Path.Combine(Directory, $"{name}.crt"),
        ["Auction__Tls__KeyFile"] = Path.Combine(Directory, $"{name}.key"),
    };

    public Auction.Grains.Security.ClusterCertificates Load(string name) => Auction.Grains.Security.ClusterCertificates.Load(new()
    {
        CaFile = Path.Combine(Directory, "ca.crt"),
        CertificateFile = Path.Combine(Directory, $"{name}.crt"),
        KeyFile = Path.Combine(Directory, $"{name}.key"),
    }, "Auction:Tls:");

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
