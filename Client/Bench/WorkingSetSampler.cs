using System.Diagnostics;

namespace Auction.Client.Bench;

/// <summary>Samples the process's working set every few milliseconds and keeps the largest value seen.</summary>
public sealed class WorkingSetSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public WorkingSetSampler(TimeSpan period)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, period, period);
    }

    public long PeakBytes { get { Sample(); return Interlocked.Read(ref _peak); } }

    /// <summary>The operating system's peak working set of the whole process since it started.</summary>
    public static long ProcessPeakBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private void Sample()
    {
        long now = Environment.WorkingSet;
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
    }

    public void Dispose() => _timer.Dispose();
}
