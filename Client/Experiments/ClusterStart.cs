using Auction.Client.Cli;
using Auction.Grains.Security;

namespace Auction.Client.Experiments;

/// <summary>
/// A cluster a command started in-process or joined, or why it could not: one error line and the exit code (3 when
/// it cannot be reached in time, 2 when the client's certificate is not usable).
/// </summary>
public sealed record ClusterStart(IExperimentCluster? Cluster, int ExitCode, string? Error)
{
    public static async Task<ClusterStart> TryAsync(Func<Task<IExperimentCluster>> start)
    {
        try
        {
            return new ClusterStart(await start(), ExitCodes.Success, null);
        }
        catch (Exception e) when (e is ClusterUnreachableException or TimeoutException)
        {
            return new ClusterStart(null, ExitCodes.Unreachable, $"error: {e.Message}");
        }
        catch (ClusterCertificateException e)
        {
            return new ClusterStart(null, ExitCodes.BadInput, $"error: {e.Message}");
        }
    }
}
