using System.Text;

namespace Auction.Tests.Unit.Persistence;

/// <summary>
/// A file opened as the outbox opens its own (unbuffered, read and write, locked) that notes each call once it has
/// returned, in a journal shared by every file a test opens: the order of writes and flushes to the disk shows.
/// </summary>
public sealed class RecordingFileStream : FileStream
{
    private readonly List<FileCall> _journal;
    private readonly string _name;

    public RecordingFileStream(string path, List<FileCall> journal)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None)
    {
        _journal = journal;
        _name = Path.GetFileName(path);
        Note(FileCall.Open);
    }

    // The overload the outbox calls; the others are left alone, lest a base method calling another counts twice.
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        base.Write(buffer);
        Note(FileCall.Write, Encoding.UTF8.GetString(buffer));
    }

    public override void SetLength(long value)
    {
        base.SetLength(value);
        Note(FileCall.SetLength, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override void Flush(bool flushToDisk)
    {
        base.Flush(flushToDisk);
        Note(flushToDisk ? FileCall.FlushToDisk : FileCall.Flush);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Note(FileCall.Close);
    }

    private void Note(string call, string text = "")
    {
        lock (_journal) _journal.Add(new FileCall(_name, call, text));
    }
}
