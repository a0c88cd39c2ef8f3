using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Auction.Grains.Security;

/// <summary>
/// A cluster member's TLS identity: its certificate and key, and the cluster CA that every peer's certificate must
/// chain to. Mutual: both ends of every silo-to-silo and client-to-gateway connection present a certificate, and
/// a certificate that the cluster CA did not sign is refused, whatever the machine's own trust store says.
/// </summary>
public sealed class ClusterCertificates
{
    /// <summary>The name every member asks for as the TLS host; peers are addressed by IP, so names are not checked.</summary>
    public const string ClusterHostName = "auction-cluster";

    private ClusterCertificates(X509Certificate2 authority, X509Certificate2 member)
    {
        Authority = authority;
        Member = member;
    }

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Member { get; }

    /// <summary>The member's name: the common name of its certificate (provider-3, consumer, client, …).</summary>
    public string MemberName => Member.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    /// <summary>The member's role: the organisational unit of its certificate (provider, consumer or client).</summary>
    public string? MemberRole => Member.SubjectName.EnumerateRelativeDistinguishedNames()
        .Where(n => n.GetSingleElementType().Value == "2.5.4.11").Select(n => n.GetSingleElementValue()).FirstOrDefault();

    /// <summary>Loads the files the settings name; throws <see cref="ClusterCertificateException"/> with one sentence when one is missing or bad.</summary>
    public static ClusterCertificates Load(ClusterTlsSettings settings, string settingPrefix)
    {
        string Required(string? path, string name) => !string.IsNullOrWhiteSpace(path)
            ? path
            : throw new ClusterCertificateException(
                $"{settingPrefix}{name} is required: every cluster connection uses mutual TLS (make the files with infra/certs/make-certs.sh, or set {settingPrefix}Enabled=false).");
        var caFile = Required(settings.CaFile, "CaFile");
        var certificateFile = Required(settings.CertificateFile, "CertificateFile");
        var keyFile = Required(settings.KeyFile, "KeyFile");
        try
        {
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            // SslStream on a server needs a key it can use for every handshake: re-import as a PKCS#12 blob.
            var member = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            var certificates = new ClusterCertificates(authority, member);
            if (!certificates.IsSignedByCluster(member))
                throw new ClusterCertificateException(
                    $"{settingPrefix}CertificateFile '{certificateFile}' is not signed by the cluster CA in {settingPrefix}CaFile '{caFile}' (or has expired).");
            return certificates;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ClusterCertificateException(
                $"{settingPrefix}CaFile/CertificateFile/KeyFile ('{caFile}', '{certificateFile}', '{keyFile}') cannot be used: {e.Message}");
        }
    }

    /// <summary>True when <paramref name="certificate"/> chains to the cluster CA alone and is valid now.</summary>
    public bool IsSignedByCluster(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate)
               && chain.ChainElements[^1].Certificate.RawData.AsSpan().SequenceEqual(Authority.RawData);
    }

    /// <summary>Mutual TLS for Orleans: present the member's certificate, require the peer's, accept only the cluster CA's.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Member;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.CheckCertificateRevocation = false; // the cluster CA publishes no revocation list: rotation replaces the CA
        options.RemoteCertificateValidation = (certificate, _, errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IsSignedByCluster(certificate);
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = ClusterHostName;
    }
}
