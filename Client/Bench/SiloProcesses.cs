using System.Globalization;
using Auction.Client.Statistics;

namespace Auction.Client.Bench;

/// <summary>One silo process on this machine: its resident memory (VmRSS, PSS) and the CPU time it has used so far.</summary>
/// <remarks>VmRSS counts every page mapped, also the runtime's and the app's files that all silos share; PSS divides
/// each shared page among the processes that map it (null where smaps_rollup is not readable). CpuTime is user +
/// system time since the process started (null where /proc/&lt;pid&gt;/stat is not readable); StartTicks tells a
/// restarted silo that got the same pid apart.</remarks>
public sealed record SiloProcess(int Pid, string Role, string? ProviderId, long RssBytes, long? PssBytes = null, TimeSpan? CpuTime = null, long StartTicks = 0);

/// <summary>Resident memory of silos: min, median and max over the provider silos, and the consumer silo(s).</summary>
public sealed record SiloMemory(int ProviderSilos, long ProviderMinBytes, long ProviderMedianBytes, long ProviderMaxBytes, IReadOnlyList<long> ConsumerBytes, IReadOnlyList<SiloProcess> Silos)
{
    /// <summary>Median PSS of the provider silos (0 when unknown).</summary>
    public long ProviderMedianPssBytes => Median(Silos.Where(s => s.Role == "provider" && s.PssBytes is not null).Select(s => s.PssBytes!.Value).Order().ToArray());

    private static long Median(long[] sorted) =>
        sorted.Length == 0 ? 0 : (long)Quantiles.OfSorted(Array.ConvertAll(sorted, b => (double)b), 0.5);

    public static SiloMemory Of(IReadOnlyList<SiloProcess> silos)
    {
        var providers = silos.Where(s => s.Role == "provider").Select(s => s.RssBytes).Order().ToArray();
        return new SiloMemory(providers.Length, providers.FirstOrDefault(), Median(providers), providers.LastOrDefault(),
            silos.Where(s => s.Role != "provider").Select(s => s.RssBytes).ToArray(), silos);
    }
}

/// <summary>
/// Finds the silo processes on this machine (/proc: process name <c>Auction.Silo</c> or a command line running
/// Auction.Silo.dll), their role (Auction__Role in the environment; without it, a silo outside this process's network
/// namespace counts as a provider) and VmRSS from /proc/&lt;pid&gt;/status. With a connection string, only the silos
/// started with that ConnectionStrings__Auction count (another cluster's silos on the same machine are left out).
/// </summary>
public static class SiloProcesses
{
    public static IReadOnlyList<SiloProcess> Find(string? connectionString = null, string proc = "/proc")
    {
        var found = new List<SiloProcess>();
        string? ownNetns = ReadLink(Path.Combine(proc, "self", "ns", "net"));
        foreach (var dir in Directory.EnumerateDirectories(proc))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            try
            {
                string comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (comm != "Auction.Silo" && !cmdline.Contains("Auction.Silo.dll", StringComparison.Ordinal)) continue;
                var environment = ReadEnvironment(Path.Combine(dir, "environ"));
                if (connectionString is not null && environment.TryGetValue("ConnectionStrings__Auction", out var cs) && cs != connectionString) continue;
                long? rss = ParseVmRss(File.ReadAllText(Path.Combine(dir, "status")));
                if (rss is null) continue; // a zombie has no memory left
                string role = environment.TryGetValue("Auction__Role", out var r) && r.Length > 0
                    ? r.ToLowerInvariant()
                    : ReadLink(Path.Combine(dir, "ns", "net")) is { } ns && ns != ownNetns ? "provider" : "consumer";
                long? pss = null;
                try
                {
                    pss = ParseKilobytes(File.ReadAllText(Path.Combine(dir, "smaps_rollup")), "Pss:");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // older kernels have no smaps_rollup: VmRSS only
                }
                var cpu = ParseStat(File.ReadAllText(Path.Combine(dir, "stat")));
                found.Add(new SiloProcess(pid, role, environment.GetValueOrDefault("Auction__Provider__Id"), rss.Value, pss, cpu?.CpuTime, cpu?.StartTicks ?? 0));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while we read it, or it is not ours to read
            }
        }
        return found.OrderBy(s => s.Role, StringComparer.Ordinal).ThenBy(s => s.ProviderId, StringComparer.Ordinal).ThenBy(s => s.Pid).ToArray();
    }

    /// <summary>
    /// User + system CPU time and the start time (in clock ticks since boot) from the text of /proc/&lt;pid&gt;/stat, or
    /// null when it cannot be read. The process name (field 2) may hold spaces and parentheses, so the fields are
    /// counted from the last ')'. Linux reports them in USER_HZ ticks: 100 per second on x86-64 and arm64.
    /// </summary>
    public static (TimeSpan CpuTime, long StartTicks)? ParseStat(string stat)
    {
        int end = stat.LastIndexOf(')');
        if (end < 0) return null;
        // after ')': field 3 (state) is index 0, so utime (14) is index 11, stime (15) 12, starttime (22) 19
        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out long user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out long system)
            || !long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long start))
            return null;
        return (TimeSpan.FromSeconds((user + system) / (double)ClockTicksPerSecond), start);
    }

    /// <summary>USER_HZ: the unit of the times in /proc/&lt;pid&gt;/stat.</summary>
    public const int ClockTicksPerSecond = 100;

    /// <summary>VmRSS in bytes from the text of /proc/&lt;pid&gt;/status ("VmRSS:   123456 kB"), or null when absent.</summary>
    public static long? ParseVmRss(string status) => ParseKilobytes(status, "VmRSS:");

    /// <summary>The "Name:   123 kB" field of a /proc file in bytes, or null when absent.</summary>
    public static long? ParseKilobytes(string text, string field)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var parts = line[field.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb))
                return kb * 1024;
        }
        return null;
    }

    private static Dictionary<string, string> ReadEnvironment(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in File.ReadAllText(path).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) result[entry[..eq]] = entry[(eq + 1)..];
        }
        return result;
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
