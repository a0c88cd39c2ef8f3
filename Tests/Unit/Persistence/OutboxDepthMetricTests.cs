using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Persistence;

/// <summary><c>auction.outbox.depth</c> follows an outbox's pending records and stops reporting it once it is closed.</summary>
public sealed class OutboxDepthMetricTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"outbox-metric-{Guid.NewGuid():N}");
    private readonly AuctionMeterRecorder _meter = new();

    public void Dispose()
    {
        _meter.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static TransactionRecord Record(int sequence) =>
        TestRecords.Completed(Guid.NewGuid(), sequence, "auction", 12.5, "provider-1", false, 0.75, 0.4, 2, 3, 1.9, double.NaN);

    private double[] Depth(string fileName) =>
        _meter.Observe("auction.outbox.depth").Where(m => m.Tag("outbox") == fileName).Select(m => m.Value).ToArray();

    [Fact]
    public void The_gauge_reads_the_pending_records_of_each_open_outbox()
    {
        string fileName = $"transactions-{Guid.NewGuid():N}.jsonl";
        var outbox = new TransactionOutbox(Path.Combine(_directory, fileName));
        var records = Enumerable.Range(0, 3).Select(Record).ToArray();
        foreach (var record in records) outbox.Append(record);
        Assert.Equal([3.0], Depth(fileName));

        outbox.MarkStored(records[1].TransactionId);
        Assert.Equal([2.0], Depth(fileName));

        outbox.Dispose();
        Assert.Empty(Depth(fileName));
    }
}
