namespace Auction.Grains.Security;

/// <summary>
/// Where a cluster member finds its TLS material (PEM files made by infra/certs/make-certs.sh): the cluster's CA
/// certificate, and the member's own certificate and private key. Bound from <c>Auction:Tls</c>.
/// </summary>
public sealed class ClusterTlsSettings
{
    public const string EnvironmentPrefix = "Auction__Tls__";

    /// <summary>False turns TLS off (benchmarks comparing the cost, single-process runs); every other value requires the files.</summary>
    public bool Enabled { get; set; } = true;

    public string? CaFile { get; set; }
    public string? CertificateFile { get; set; }
    public string? KeyFile { get; set; }

    /// <summary>A folder as make-certs.sh fills it: ca.crt, and NAME.crt / NAME.key for the member's name; the three files above win.</summary>
    public string? Directory { get; set; }

    /// <summary>True when any of the files (or the folder) is named: the member means to use TLS.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(CaFile) || !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile)
                              || !string.IsNullOrWhiteSpace(Directory);

    /// <summary>The three files, taken from <see cref="Directory"/> for the member called <paramref name="memberName"/> where not named one by one.</summary>
    public ClusterTlsSettings ForMember(string memberName)
    {
        if (string.IsNullOrWhiteSpace(Directory)) return this;
        return new ClusterTlsSettings
        {
            Enabled = Enabled,
            CaFile = string.IsNullOrWhiteSpace(CaFile) ? Path.Combine(Directory, "ca.crt") : CaFile,
            CertificateFile = string.IsNullOrWhiteSpace(CertificateFile) ? Path.Combine(Directory, $"{memberName}.crt") : CertificateFile,
            KeyFile = string.IsNullOrWhiteSpace(KeyFile) ? Path.Combine(Directory, $"{memberName}.key") : KeyFile,
        };
    }

    /// <summary>The settings from <c>Auction__Tls__*</c> environment variables (the client CLI has no configuration file).</summary>
    public static ClusterTlsSettings FromEnvironment() => new ClusterTlsSettings
    {
        Enabled = !string.Equals(Environment.GetEnvironmentVariable(EnvironmentPrefix + "Enabled"), "false", StringComparison.OrdinalIgnoreCase),
        CaFile = Environment.GetEnvironmentVariable(EnvironmentPrefix + "CaFile"),
        CertificateFile = Environment.GetEnvironmentVariable(EnvironmentPrefix + "CertificateFile"),
        KeyFile = Environment.GetEnvironmentVariable(EnvironmentPrefix + "KeyFile"),
        Directory = Environment.GetEnvironmentVariable(EnvironmentPrefix + "Directory"),
    }.ForMember("client");
}
