namespace Auction.Client.Bench;

/// <summary>
/// Pure: when a flow runs at a new rate, from byte-counter samples. The throughput of a window is the bytes counted
/// between its first sample and the first sample at least <c>window</c> seconds later, over the time between them.
/// </summary>
public static class SettleDetector
{
    /// <summary>
    /// Seconds from <paramref name="from"/> to the start of the first window that starts at or after it and whose
    /// throughput is within <paramref name="tolerance"/> (0.1: ±10 %) of <paramref name="targetBytesPerSecond"/>;
    /// null when no complete window is, yet.
    /// </summary>
    /// <param name="samples">in ascending time order.</param>
    public static double? SecondsUntilWithin(IReadOnlyList<CounterSample> samples, double from, double targetBytesPerSecond, double window, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (!(targetBytesPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(targetBytesPerSecond), targetBytesPerSecond, "the target must be above 0.");
        if (!(window > 0)) throw new ArgumentOutOfRangeException(nameof(window), window, "the window must be above 0 s.");
        var end = 0;
        for (var start = 0; start < samples.Count; start++)
        {
            if (samples[start].Seconds < from) continue;
            end = Math.Max(end, start + 1);
            while (end < samples.Count && samples[end].Seconds - samples[start].Seconds < window) end++;
            if (end == samples.Count) return null;
            var rate = (samples[end].Bytes - samples[start].Bytes) / (samples[end].Seconds - samples[start].Seconds);
            if (Math.Abs(rate - targetBytesPerSecond) <= tolerance * targetBytesPerSecond) return samples[start].Seconds - from;
        }
        return null;
    }
}
