using Auction.Grains.Security;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Security;

public sealed class ClusterCertificatesTests
{
    [Fact]
    public async Task Only_certificates_of_the_cluster_ca_are_trusted_and_they_name_member_and_role()
    {
        using var cluster = await TestCertificates.MakeAsync("provider-3", "consumer");
        using var stranger = await TestCertificates.MakeForeignAsync("provider-3");
        var provider = cluster.Load("provider-3");
        var consumer = cluster.Load("consumer");
        var foreign = stranger.Load("provider-3");

        Assert.Equal(("provider-3", "provider"), (provider.MemberName, provider.MemberRole));
        Assert.Equal(("consumer", "consumer"), (consumer.MemberName, consumer.MemberRole));
        Assert.True(provider.IsSignedByCluster(consumer.Member));
        Assert.False(provider.IsSignedByCluster(foreign.Member)); // same name, another CA
        Assert.False(foreign.IsSignedByCluster(provider.Member));
    }

    [Fact]
    public async Task A_member_whose_certificate_another_ca_signed_does_not_load()
    {
        using var cluster = await TestCertificates.MakeAsync("consumer");
        using var stranger = await TestCertificates.MakeForeignAsync("consumer");
        var settings = new ClusterTlsSettings
        {
            CaFile = Path.Combine(cluster.Directory, "ca.crt"),
            CertificateFile = Path.Combine(stranger.Directory, "consumer.crt"),
            KeyFile = Path.Combine(stranger.Directory, "consumer.key"),
        };

        var e = Assert.Throws<ClusterCertificateException>(() => ClusterCertificates.Load(settings, "Auction:Tls:"));
        Assert.Contains("is not signed by the cluster CA", e.Message);
        var missing = Assert.Throws<ClusterCertificateException>(() => ClusterCertificates.Load(new ClusterTlsSettings(), "Auction:Tls:"));
        Assert.StartsWith("Auction:Tls:CaFile is required", missing.Message);
    }

    [Fact]
    public async Task A_folder_of_certificates_resolves_to_the_members_own_files()
    {
        using var cluster = await TestCertificates.MakeAsync("provider-1");
        var member = new ClusterTlsSettings { Directory = cluster.Directory }.ForMember("provider-1");

        Assert.Equal("provider-1", ClusterCertificates.Load(member, "Auction:Tls:").MemberName);
        Assert.Equal(Path.Combine(cluster.Directory, "provider-1.key"), member.KeyFile);
    }
}
