using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>Trace files: the rows they give, and one sentence per bad row naming the trace and the row.</summary>
public sealed class RateTraceReaderTests
{
    private static (RateTrace? Trace, List<string> Problems) Parse(string text)
    {
        var problems = new List<string>();
        return (RateTraceReader.Parse(text, "cell.csv", problems), problems);
    }

    [Fact]
    public void Rows_become_milliseconds_and_rates_whatever_the_line_endings_and_spaces()
    {
        var (trace, problems) = Parse("time_s, uplink ,downlink\r\n0, 5,6\r\n0.0015,7.5,8\n10,1e1,0.5\n\n");

        Assert.Empty(problems);
        Assert.Equal(
            [new RateTrace.Row(0, new LinkRates(5, 6)), new RateTrace.Row(2, new LinkRates(7.5, 8)), new RateTrace.Row(10_000, new LinkRates(10, 0.5))],
            trace!.Rows);
    }

    public static TheoryData<string, string> BadTraces() => new()
    {
        { "", "\"cell.csv\" is empty: it must start with the header time_s,uplink,downlink." },
        { "time,up,down\n0,1,1\n", "\"cell.csv\" must start with the header time_s,uplink,downlink, got \"time,up,down\"." },
        { "time_s,uplink,downlink\n", "\"cell.csv\" has no rows after its header: its first row must be at time_s 0." },
        { "time_s,uplink,downlink\n1,1,1\n", "\"cell.csv\" row 1 (line 2): time_s must be 0 (a trace starts with the experiment), got \"1\"." },
        { "time_s,uplink,downlink\n0,1,1\n5,1,1\n5.0004,1,1\n", "\"cell.csv\" row 3 (line 4): time_s must be later than the previous row's (to the millisecond), got \"5.0004\"." },
        { "time_s,uplink,downlink\n0,1,1\n-1,1,1\n", "\"cell.csv\" row 2 (line 3): time_s must be a number of seconds from 0 to 1000000000, got \"-1\"." },
        { "time_s,uplink,downlink\n0,1,1\n2,1\n", "\"cell.csv\" row 2 (line 3) must have 3 fields (time_s,uplink,downlink), got \"2,1\"." },
        { "time_s,uplink,downlink\n0,1,Infinity\n", "\"cell.csv\" row 1 (line 2): downlink must be a rate in MB/s above 0 and at most 1000 (the most the lab shapes), got \"Infinity\"." },
        { "time_s,uplink,downlink\n0,0,1\n", "\"cell.csv\" row 1 (line 2): uplink must be a rate in MB/s above 0 and at most 1000 (the most the lab shapes), got \"0\"." },
        { "time_s,uplink,downlink\n0,1001,1\n", "\"cell.csv\" row 1 (line 2): uplink must be a rate in MB/s above 0 and at most 1000 (the most the lab shapes), got \"1001\"." },
    };

    [Theory]
    [MemberData(nameof(BadTraces))]
    public void A_bad_trace_is_one_sentence_naming_the_row(string text, string sentence)
    {
        var (trace, problems) = Parse(text);

        Assert.Null(trace);
        Assert.Equal([sentence], problems);
    }

    [Fact]
    public void The_first_bad_rows_are_named_and_the_rest_counted()
    {
        var rows = string.Concat(Enumerable.Range(1, 12).Select(i => $"{i},-1,1\n"));

        var (trace, problems) = Parse("time_s,uplink,downlink\n0,1,1\n" + rows);

        Assert.Null(trace);
        Assert.Equal(RateTraceReader.MaxRowProblems + 1, problems.Count);
        Assert.StartsWith("\"cell.csv\" row 2 (line 3): uplink", problems[0], StringComparison.Ordinal);
        Assert.Equal($"\"cell.csv\" has {12 - RateTraceReader.MaxRowProblems} more bad rows.", problems[^1]);
    }

    [Fact]
    public void A_trace_larger_than_the_limit_is_refused_before_it_is_read()
    {
        using var files = new WorldFiles();
        var file = files.Write("big.csv", new byte[WorldLimits.MaxTraceBytes + 1]);
        var problems = new List<string>();

        Assert.Null(RateTraceReader.Read(file, "big.csv", problems));
        Assert.Equal([$"\"big.csv\" is {WorldLimits.MaxTraceBytes + 1} bytes, more than the limit of {WorldLimits.MaxTraceBytes}."], problems);
    }

    [Fact]
    public void A_trace_is_a_step_function_of_the_last_row_at_or_before_the_time()
    {
        var trace = new RateTrace("t", [new(0, LinkRates.Both(1)), new(1000, LinkRates.Both(2)), new(5000, LinkRates.Both(3))]);

        Assert.Equal([1, 1, 2, 2, 3, 3], new long[] { 0, 999, 1000, 4999, 5000, long.MaxValue }.Select(t => trace.At(t).Uplink));
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.At(-1));
        Assert.Throws<ArgumentException>(() => new RateTrace("t", [new(5, LinkRates.Both(1))]));
        Assert.Throws<ArgumentException>(() => new RateTrace("t", [new(0, LinkRates.Both(1)), new(0, LinkRates.Both(1))]));
    }
}
