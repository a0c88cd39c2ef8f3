namespace Auction.Client.Reports;

/// <summary>
/// A window of request positions (0-based sequence numbers as stored, both ends included), e.g. 20..59; it reads as
/// the requests numbered from 1 that it holds, as a world and the charts count them: 20..59 is "21–60".
/// </summary>
public sealed record RequestWindow(int From, int To)
{
    public static RequestWindow Default { get; } = new(20, 59);

    public static RequestWindow? Parse(string text)
    {
        var parts = text.Split("..");
        return parts.Length == 2 && int.TryParse(parts[0], out int from) && int.TryParse(parts[1], out int to) && from >= 0 && to >= from
            ? new RequestWindow(from, to)
            : null;
    }

    /// <summary>The request numbers from 1: "21–60", or "1" for a window of one request.</summary>
    public override string ToString() => From == To ? $"{From + 1}" : $"{From + 1}–{To + 1}";
}
