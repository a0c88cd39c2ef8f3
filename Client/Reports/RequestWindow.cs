namespace Auction.Client.Reports;

/// <summary>
/// A window of requests by their numbers as a reader counts them, from 1 (both ends included), e.g. 21..60: the
/// specification's window after the 20 requests of the learning phase. The database numbers requests from 0
/// (<see cref="FirstSequence"/>, <see cref="LastSequence"/>).
/// </summary>
public sealed record RequestWindow(int First, int Last)
{
    public static RequestWindow Default { get; } = new(21, 60);

    /// <summary>The stored sequence number (0-based) of the window's first request.</summary>
    public int FirstSequence => First - 1;

    /// <summary>The stored sequence number (0-based) of the window's last request.</summary>
    public int LastSequence => Last - 1;

    /// <summary>FIRST..LAST with 1 ≤ FIRST ≤ LAST, or null.</summary>
    public static RequestWindow? Parse(string text)
    {
        var parts = text.Split("..");
        return parts.Length == 2 && int.TryParse(parts[0], out int first) && int.TryParse(parts[1], out int last) && first >= 1 && last >= first
            ? new RequestWindow(first, last)
            : null;
    }

    /// <summary>The request numbers it holds, as tables and chart titles write them: "21–60", or "1" for one request.</summary>
    public override string ToString() => First == Last ? $"{First}" : $"{First}–{Last}";
}
