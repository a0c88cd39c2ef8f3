namespace Auction.Grains.Worlds;

/// <summary>
/// Shaped rates over experiment time, from a trace file: a step function whose value at time t is the last row at or
/// before t. The first row is at 0 and the times strictly increase (the reader checks both).
/// </summary>
public sealed class RateTrace
{
    private readonly long[] _times;
    private readonly LinkRates[] _rates;

    /// <summary>A trace of <paramref name="rows"/>, in order; <paramref name="source"/> is the file as the world names it.</summary>
    public RateTrace(string source, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0 || rows[0].AtMs != 0) throw new ArgumentException("a trace starts with a row at 0 ms.", nameof(rows));
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].AtMs <= rows[i - 1].AtMs) throw new ArgumentException($"the times of a trace strictly increase; row {i + 1} does not.", nameof(rows));
        }
        Source = source;
        Rows = rows;
        _times = rows.Select(r => r.AtMs).ToArray();
        _rates = rows.Select(r => r.Rates).ToArray();
    }

    public string Source { get; }

    public IReadOnlyList<Row> Rows { get; }

    /// <summary>The rates in force at experiment time <paramref name="timeMs"/> (≥ 0).</summary>
    public LinkRates At(long timeMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeMs);
        var index = Array.BinarySearch(_times, timeMs);
        return _rates[index >= 0 ? index : ~index - 1];
    }

    /// <summary>One row of a trace: from <see cref="AtMs"/> on, the link is shaped to <see cref="Rates"/>.</summary>
    public readonly record struct Row(long AtMs, LinkRates Rates);
}
