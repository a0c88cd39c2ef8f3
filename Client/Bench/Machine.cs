using System.Globalization;
using System.Runtime;

namespace Auction.Client.Bench;

/// <summary>The machine and runtime a benchmark ran on.</summary>
public sealed record Machine(int Cores, string Gc, bool ConcurrentGc, string Runtime, string Os, long TotalMemoryBytes)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        GCSettings.IsServerGC ? "server" : "workstation",
        System.Runtime.GCSettings.LatencyMode != GCLatencyMode.Batch,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The 1-minute load average from /proc/loadavg, or NaN where there is none.</summary>
    public static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }
}
