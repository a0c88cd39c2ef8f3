namespace Auction.Client.Reports;

/// <summary>A window of request positions (0-based sequence numbers, both ends included), e.g. 20..59.</summary>
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

    public override string ToString() => $"{From}..{To}";
}
