namespace Auction.Tests.Unit.Persistence;

/// <summary>One call a <see cref="RecordingFileStream"/> saw return: the file's name, what was called, what was written.</summary>
public sealed record FileCall(string File, string Call, string Text = "")
{
    public const string Open = "open";
    public const string Write = "write";
    public const string SetLength = "set length";
    public const string Flush = "flush";
    public const string FlushToDisk = "flush to disk";
    public const string Close = "close";
}
