using System.Text;
using System.Text.Json;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Persistence;

/// <summary>The consumer's durable outbox: what a crashed process leaves is read back, torn writes are cut off, stored records go.</summary>
public sealed class TransactionOutboxTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"outbox-test-{Guid.NewGuid():N}");
    private string FilePath => Path.Combine(_directory, "transactions.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static TransactionRecord Record(int sequence) =>
        TestRecords.Completed(Guid.NewGuid(), sequence, "auction", 12.5, "provider-1", sequence % 2 == 0, 0.75, 0.4, 2, 3, 1.9, double.NaN);

    [Fact]
    public void Records_appended_by_a_process_that_died_are_read_back_whole_and_in_order()
    {
        var records = Enumerable.Range(0, 3).Select(Record).ToArray();
        var crashed = new TransactionOutbox(FilePath);
        foreach (var record in records) crashed.Append(record);
        crashed.Dispose(); // the file is all a SIGKILLed process leaves: nothing else is flushed at exit

        using var next = new TransactionOutbox(FilePath);
        Assert.Equal(records.Select(r => r.TransactionId), next.Pending.Select(r => r.TransactionId));
        var back = next.Pending[0];
        Assert.Equal(records[0].Qos, back.Qos);
        Assert.Equal(records[0].RequestedAt, back.RequestedAt);
        Assert.Equal(records[0].Winner, back.Winner);
        Assert.True(double.IsNaN(back.MeasuredDownlink!.Value));
        Assert.Equal(records[0].Participants, back.Participants);
    }

    private static string Calls(IEnumerable<FileCall> calls) => string.Join(", ", calls.Select(c => $"{c.File}: {c.Call}"));

    [Fact]
    public void Each_append_reaches_the_disk_before_it_returns()
    {
        var journal = new List<FileCall>();
        using var outbox = new TransactionOutbox(FilePath, openFile: path => new RecordingFileStream(path, journal));
        foreach (var record in Enumerable.Range(0, 3).Select(Record))
        {
            var from = journal.Count;
            outbox.Append(record);

            var calls = journal.Skip(from).ToArray();
            var written = Array.FindIndex(calls, c => c.Call == FileCall.Write && c.Text.Contains(record.TransactionId.ToString()));
            Assert.True(written >= 0, $"the append of {record.TransactionId} wrote nothing: {Calls(calls)}");
            Assert.True(calls.Skip(written + 1).Any(c => c is { File: "transactions.jsonl", Call: FileCall.FlushToDisk }),
                $"the append of {record.TransactionId} returned before its write was flushed to the disk: {Calls(calls)}");
        }
    }

    [Fact]
    public void Trimming_reaches_the_disk_before_the_old_file_goes_and_the_rest_is_read_back()
    {
        var journal = new List<FileCall>();
        var records = Enumerable.Range(0, 4).Select(Record).ToArray();
        using (var outbox = new TransactionOutbox(FilePath, compactAfter: 2, openFile: path => new RecordingFileStream(path, journal)))
        {
            foreach (var record in records) outbox.Append(record);
            outbox.MarkStored(records[0].TransactionId);
            var from = journal.Count;
            outbox.MarkStored(records[1].TransactionId); // the second stored: the rest is written to a new file

            var fresh = journal.Skip(from).Where(c => c.File == "transactions.jsonl.tmp").ToList();
            var written = string.Concat(fresh.Where(c => c.Call == FileCall.Write).Select(c => c.Text));
            Assert.Equal(records[2..].Select(r => r.TransactionId), written.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("TransactionId").GetGuid()));
            var flushed = fresh.FindIndex(c => c.Call == FileCall.FlushToDisk);
            Assert.True(flushed > fresh.FindLastIndex(c => c.Call == FileCall.Write), $"the new file is not flushed to the disk after its writes: {Calls(fresh)}");
            Assert.True(flushed < fresh.FindIndex(c => c.Call == FileCall.Close), $"the new file is not flushed to the disk before it is closed: {Calls(fresh)}");
        }

        using (var reopened = new TransactionOutbox(FilePath, openFile: path => new RecordingFileStream(path, journal)))
        {
            Assert.Equal(records[2..].Select(r => r.TransactionId), reopened.Pending.Select(r => r.TransactionId));
            reopened.MarkStored(records[2].TransactionId);
            var from = journal.Count;
            reopened.MarkStored(records[3].TransactionId); // the outbox empties: the file is truncated

            Assert.Equal(
                [new FileCall("transactions.jsonl", FileCall.SetLength, "0"), new FileCall("transactions.jsonl", FileCall.FlushToDisk)],
                journal.Skip(from));
        }

        using var empty = new TransactionOutbox(FilePath);
        Assert.Empty(empty.Pending);
    }

    [Fact]
    public void A_torn_last_line_is_cut_off_and_later_appends_stay_readable()
    {
        var first = Record(0);
        using (var outbox = new TransactionOutbox(FilePath)) outbox.Append(first);
        File.AppendAllText(FilePath, "{\"TransactionId\":\"4f1c", Encoding.UTF8); // a crash in the middle of a write

        var second = Record(1);
        using (var reopened = new TransactionOutbox(FilePath))
        {
            Assert.Equal([first.TransactionId], reopened.Pending.Select(r => r.TransactionId));
            reopened.Append(second);
        }

        using var again = new TransactionOutbox(FilePath);
        Assert.Equal([first.TransactionId, second.TransactionId], again.Pending.Select(r => r.TransactionId));
    }

    [Fact]
    public void A_corrupt_line_in_the_middle_is_skipped_without_losing_its_neighbours()
    {
        var a = Record(0);
        var b = Record(1);
        using (var outbox = new TransactionOutbox(FilePath)) outbox.Append(a);
        File.AppendAllText(FilePath, "not json at all\n");
        using (var outbox = new TransactionOutbox(FilePath)) outbox.Append(b);

        using var read = new TransactionOutbox(FilePath);
        Assert.Equal([a.TransactionId, b.TransactionId], read.Pending.Select(r => r.TransactionId));
    }

    [Fact]
    public void Stored_records_are_trimmed_from_the_file_and_an_emptied_outbox_is_truncated()
    {
        var records = Enumerable.Range(0, 5).Select(Record).ToArray();
        using (var outbox = new TransactionOutbox(FilePath, compactAfter: 2))
        {
            foreach (var record in records) outbox.Append(record);
            outbox.MarkStored(records[0].TransactionId);
            outbox.MarkStored(records[2].TransactionId); // second stored: the file is rewritten without both
        }

        Assert.Equal(3, File.ReadAllLines(FilePath).Length);
        using (var outbox = new TransactionOutbox(FilePath, compactAfter: 100))
        {
            outbox.MarkStored(records[4].TransactionId); // not yet compacted: the line stays until the next rewrite
        }

        Assert.Equal(3, File.ReadAllLines(FilePath).Length);
        using (var outbox = new TransactionOutbox(FilePath, compactAfter: 1))
        {
            outbox.MarkStored(records[4].TransactionId);
        }

        using (var reopened = new TransactionOutbox(FilePath))
        {
            Assert.Equal([records[1].TransactionId, records[3].TransactionId], reopened.Pending.Select(r => r.TransactionId));
            reopened.MarkStored(records[1].TransactionId);
            reopened.MarkStored(records[3].TransactionId);
            Assert.Equal(0, new FileInfo(FilePath).Length);
        }

        using var empty = new TransactionOutbox(FilePath);
        Assert.Empty(empty.Pending);
    }

    [Fact]
    public void Appending_an_id_twice_keeps_one_record()
    {
        var record = Record(0);
        using (var outbox = new TransactionOutbox(FilePath))
        {
            outbox.Append(record);
            outbox.Append(record with { Rating = 0.1 });
        }

        using var read = new TransactionOutbox(FilePath);
        Assert.Equal(0.75, Assert.Single(read.Pending).Rating);
    }

    [Fact]
    public void A_second_process_cannot_open_an_outbox_in_use()
    {
        using var owner = new TransactionOutbox(FilePath);
        var e = Assert.Throws<IOException>(() => new TransactionOutbox(FilePath));
        Assert.Contains(FilePath, e.Message);
    }
}
