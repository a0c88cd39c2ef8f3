namespace Auction.Grains.Security;

/// <summary>The TLS material of a cluster member is missing or unusable; the message is one sentence naming the setting.</summary>
public sealed class ClusterCertificateException(string message) : Exception(message);
