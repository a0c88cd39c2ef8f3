using Auction.Client.Reports;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

namespace Auction.Tests.Unit.Reports;

public sealed class ExperimentChartTests
{
    private const int Requests = 6;
    private const int IntervalMs = 1000;

    // Request k (from 1) is sent at (k - 1) s, so the 2.5 s step is first felt by request 4 (sent at 3 s).
    private const string ScheduledWorld = """
        {
          "name": "marks",
          "providers": [
            {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10},
             "schedule": [
               {"at_request": 3, "shaped": {"uplink": 2, "downlink": 2}},
               {"at_s": 2.5, "ask_price": 0.4},
               {"at_request": 99, "link": "down"}
             ]},
            {"id": "provider-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 20},
             "schedule": [
               {"at_request": 3, "link": "down"},
               {"at_request": 5, "link": "up", "behaviour": {"kind": "liar"}}
             ]}
          ]
        }
        """;

    private static World Parse(string text)
    {
        var reading = WorldSources.Parse(WorldSources.Of("marks", text, new Dictionary<string, string>()));
        Assert.Empty(reading.Problems);
        return reading.World!;
    }

    private static TransactionRecord[] Run(bool timed) => Enumerable.Range(0, Requests).Select(i => new TransactionRecord
    {
        TransactionId = Guid.NewGuid(),
        Strategy = "naive",
        ConsumerId = "consumer-0",
        RequestedAt = DateTimeOffset.UnixEpoch.AddMilliseconds(i * IntervalMs),
        Qos = new Qos(0.5, 5, 5, 0.5, 0.5, 0.5, 10),
        Participants = ["provider-0", "provider-1"],
        Outcome = TransactionOutcome.Completed,
        Sequence = i,
        Winner = "provider-0",
        WinnerFaulty = i % 2 == 0,
        Rating = 0.5,
        MeasuredUplink = 4,
        MeasuredDownlink = 4.5,
        Time = timed ? new ExperimentTime(ExperimentClocks.Virtual, DateTimeOffset.UnixEpoch, i * IntervalMs, i + 1) : null,
    }).ToArray();

    [Fact]
    public void Request_steps_are_marked_at_their_request_and_steps_on_one_request_share_a_mark()
    {
        var marks = WorldMarks.For(Parse(ScheduledWorld), Run(timed: false));

        Assert.Equal([3, 5], marks.Select(m => m.Request));
        Assert.Equal("provider-0: 2 MB/s\nprovider-1: link down", marks[0].Label);
        Assert.Equal("provider-1: link up, liar", marks[1].Label);
    }

    [Fact]
    public void A_time_step_is_marked_at_the_first_request_whose_experiment_time_reaches_it()
    {
        var marks = WorldMarks.For(Parse(ScheduledWorld), Run(timed: true));

        Assert.Equal([3, 4, 5], marks.Select(m => m.Request));
        Assert.Equal("provider-0: ask 0.4", marks[1].Label);
    }

    [Fact]
    public void Without_transactions_no_step_took_effect_and_nothing_is_marked() =>
        Assert.Empty(WorldMarks.For(Parse(ScheduledWorld), []));

    [Fact]
    public void Throughput_is_plotted_at_request_numbers_counted_from_one()
    {
        var series = Assert.Single(StrategySeries.From(Run(timed: false)));

        Assert.Equal(Enumerable.Range(1, Requests).Select(n => (double)n), series.DownlinkPositions);
        Assert.Equal(series.Positions, series.UplinkPositions);
    }

    [Fact]
    public void The_chart_with_marks_is_a_png()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chart-{Guid.NewGuid():N}.png");
        try
        {
            var records = Run(timed: true);
            ExperimentChart.Save(file, "marks", records, WorldMarks.For(Parse(ScheduledWorld), records), 800, 900);

            var png = File.ReadAllBytes(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Equal(800, ReadBigEndian(png, 16));
            Assert.Equal(900, ReadBigEndian(png, 20));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int ReadBigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
