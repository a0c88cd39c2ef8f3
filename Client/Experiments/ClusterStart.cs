using Auction.Grains.Security;

namespace Auction.Client.Experiments;

/// <summary>
/// A cluster a command started in-process or joined, or why it could not: one error line, and whether the cause is
/// the client's own certificate (bad input) rather than a cluster that cannot be reached in time.
/// </summary>
public sealed record ClusterStart(IExperimentCluster? Cluster, string? Error, bool CertificateRefused = false)
{
    public static async Task<ClusterStart> TryAsync(Func<Task<IExperimentCluster>> start)
    {
        try
        {
            return new ClusterStart(await start(), null);
        }
        catch (Exception e) when (e is ClusterUnreachableException or TimeoutException)
        {
            return new ClusterStart(null, $"error: {e.Message}");
        }
        catch (ClusterCertificateException e)
        {
            return new ClusterStart(null, $"error: {e.Message}", CertificateRefused: true);
        }
    }
}
