using System.Globalization;
using Auction.Grains.Text;
using static Auction.Grains.Worlds.WorldProblems;

namespace Auction.Grains.Worlds;

/// <summary>
/// Reads a trace file: UTF-8 CSV with the header <c>time_s,uplink,downlink</c>, then at most
/// <see cref="WorldLimits.MaxTraceRows"/> rows whose times (seconds, taken to the millisecond) start at 0 and strictly
/// increase and whose rates (MB/s) are finite, above 0 and at most what the lab shapes. Each problem is one sentence
/// that names the trace as the world wrote it and the row.
/// </summary>
public static class RateTraceReader
{
    public const string Header = "time_s,uplink,downlink";

    /// <summary>Bad rows named one by one; beyond them, their count.</summary>
    public const int MaxRowProblems = 5;

    /// <summary>The trace in <paramref name="file"/>, or null with its problems added to <paramref name="problems"/>; <paramref name="source"/> names it in them.</summary>
    public static RateTrace? Read(string file, string source, List<string> problems)
    {
        var text = InputFile.ReadText(file, WorldLimits.MaxTraceBytes, Quoted(source), out var error);
        if (text is not null) return Parse(text, source, problems);
        problems.Add(error!);
        return null;
    }

    /// <summary>The trace written in <paramref name="text"/>, or null with its problems added to <paramref name="problems"/>.</summary>
    public static RateTrace? Parse(string text, string source, List<string> problems)
    {
        var subject = Quoted(source);
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0)
        {
            problems.Add($"{subject} is empty: it must start with the header {Header}.");
            return null;
        }
        if (string.Join(',', lines[0].Split(',').Select(f => f.Trim())) != Header)
        {
            problems.Add($"{subject} must start with the header {Header}, got {Quoted(lines[0])}.");
            return null;
        }
        if (lines.Count == 1)
        {
            problems.Add($"{subject} has no rows after its header: its first row must be at time_s 0.");
            return null;
        }
        if (lines.Count - 1 > WorldLimits.MaxTraceRows)
        {
            problems.Add($"{subject} has {lines.Count - 1} rows, more than the limit of {WorldLimits.MaxTraceRows}.");
            return null;
        }

        var rows = new List<RateTrace.Row>(lines.Count - 1);
        var bad = new List<string>();
        long? previous = null;
        for (var r = 1; r < lines.Count; r++)
        {
            var where = $"{subject} row {r} (line {r + 1})";
            var fields = lines[r].Split(',');
            if (fields.Length != 3)
            {
                bad.Add($"{where} must have 3 fields ({Header}), got {Quoted(lines[r])}.");
                continue;
            }
            var timeProblem = Time(fields[0], r, previous, out var atMs);
            var upProblem = Rate(fields[1], "uplink", out var up);
            var downProblem = Rate(fields[2], "downlink", out var down);
            if (atMs is { } at) previous = at;
            if ((timeProblem ?? upProblem ?? downProblem) is { } problem) bad.Add($"{where}: {problem}");
            else rows.Add(new RateTrace.Row(atMs!.Value, new LinkRates(up, down)));
        }

        problems.AddRange(bad.Take(MaxRowProblems));
        if (bad.Count > MaxRowProblems) problems.Add($"{subject} has {bad.Count - MaxRowProblems} more bad rows.");
        return bad.Count == 0 ? new RateTrace(source, rows) : null;
    }

    /// <summary>The problem of a row's time, or null; <paramref name="atMs"/> is its millisecond when it is a time at all.</summary>
    private static string? Time(string field, int row, long? previous, out long? atMs)
    {
        atMs = null;
        if (!TryNumber(field, out var seconds) || seconds < 0 || seconds > WorldLimits.MaxTimeSeconds)
            return $"time_s must be a number of seconds from 0 to {Show(WorldLimits.MaxTimeSeconds)}, got {Quoted(field.Trim())}.";
        atMs = WorldTime.Milliseconds(seconds);
        if (row == 1 && atMs != 0) return $"time_s must be 0 (a trace starts with the experiment), got {Quoted(field.Trim())}.";
        if (previous is { } p && atMs <= p) return $"time_s must be later than the previous row's (to the millisecond), got {Quoted(field.Trim())}.";
        return null;
    }

    private static string? Rate(string field, string name, out double rate)
    {
        if (TryNumber(field, out rate) && rate > 0 && rate <= WorldLimits.MaxShapedRateMBps) return null;
        return $"{name} must be a rate in MB/s above 0 and at most {Show(WorldLimits.MaxShapedRateMBps)} (the most the lab shapes), got {Quoted(field.Trim())}.";
    }

    private static bool TryNumber(string field, out double value) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
