using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using Auction.Client.Cli;
using Auction.Grains.Network;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Bench.Commands;

/// <summary>The options of <c>bench shaping</c>.</summary>
public sealed partial class BenchShapingSettings : CommandSettings
{
    [CommandOption("--rates <LIST>")]
    [Description("Comma-separated rates in MB/s, each above 0 and at most 1000; applied in this order on the same interface, both directions alike.")]
    [DefaultValue("1,10,50,100")]
    public string Rates { get; init; } = "1,10,50,100";

    [CommandOption("--sizes <LIST>")]
    [Description("Comma-separated flow sizes in MB, each above 0 and at most 10000: at every rate, one flow of each size up and the same down, at the same time.")]
    [DefaultValue("1,4,64")]
    public string Sizes { get; init; } = "1,4,64";

    [CommandOption("--repeat <N>")]
    [Description("Moves each flow N times (1 to 50) and reports the median and the range: one short flow on a busy machine is one sample of its scheduling.")]
    [DefaultValue(1)]
    public int Repeat { get; init; } = 1;

    [CommandOption("--seconds <S>")]
    [Description("Also a flow of rate × S MB per rate (a flow as long at every rate).")]
    public double? Seconds { get; init; }

    [CommandOption("--prefix <NAME>")]
    [Description("lab.sh prefix of the benchmark's own lab (default: bsh + 4 random hex digits).")]
    public string? Prefix { get; init; }

    [CommandOption("--subnet <A.B.C.0/24>")]
    [Description("Private /24 of the benchmark's own lab; must not be in use.")]
    [DefaultValue("10.81.0.0/24")]
    public string Subnet { get; init; } = "10.81.0.0/24";

    [CommandOption("--json")]
    [Description("Print one JSON document instead of the table.")]
    public bool Json { get; init; }

    [CommandOption("--changes <N>")]
    [Description("Instead of the rates table: change the rate N times (1 to 1000; 50 or more for the percentiles to mean something) in place, "
                 + "alternating between the two --change-rates, under a running download and before flows of --change-flow MB, then an outage under a flow (docs/lab.md).")]
    public int? Changes { get; init; }

    [CommandOption("--change-rates <A,B>")]
    [Description("The two rates in MB/s --changes alternates between, each above 0 and at most 1000.")]
    [DefaultValue("10,40")]
    public string ChangeRates { get; init; } = "10,40";

    [CommandOption("--change-flow <MB>")]
    [Description("The size in MB (1 to 1000) of the flow moved each way after each change of --changes.")]
    [DefaultValue(2.0)]
    public double ChangeFlowMb { get; init; } = 2;

    /// <summary>The two rates of <see cref="ChangeRates"/>, once <see cref="Check"/> has read them.</summary>
    public (double A, double B) ChangeRatesMBps { get; private set; }

    /// <summary>The flow sizes of <see cref="Sizes"/>, once <see cref="Check"/> has read them.</summary>
    public IReadOnlyList<double> SizesMb { get; private set; } = [];

    public override ValidationResult Validate() => Check(out _) is { } error ? ValidationResult.Error(error) : ValidationResult.Success();

    /// <summary>One sentence naming the bad option and value, or null when all are good.</summary>
    public string? Check(out IReadOnlyList<double> rates)
    {
        var list = new List<double>();
        rates = list;
        foreach (string part in (Rates ?? "").Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double rate) || !(rate > 0 && rate <= TcShapingPlan.MaxRateMBps))
                return $"--rates must be a comma-separated list of MB/s in (0, {TcShapingPlan.MaxRateMBps}], got '{Rates}' ('{part.Trim()}' is not one).";
            list.Add(rate);
        }
        if (Repeat is < 1 or > 50)
            return $"--repeat must be a whole number from 1 to 50, got {Repeat.ToString(CultureInfo.InvariantCulture)}.";
        if (Seconds is { } seconds && (!double.IsFinite(seconds) || seconds <= 0 || seconds > 60))
            return $"--seconds must be in (0, 60], got {seconds.ToString(CultureInfo.InvariantCulture)}.";
        var sizes = new List<double>();
        SizesMb = sizes;
        foreach (string part in (Sizes ?? "").Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double size) || !(size > 0 && size <= 10000))
                return $"--sizes must be a comma-separated list of MB in (0, 10000], got '{(Sizes ?? "").Trim()}' ('{part.Trim()}' is not one).";
            sizes.Add(size);
        }
        var changeRates = (ChangeRates ?? "").Split(',');
        if (changeRates.Length != 2 || changeRates.Any(part => !double.TryParse(part.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
                || !(rate > 0 && rate <= TcShapingPlan.MaxRateMBps)))
            return $"--change-rates must be two MB/s in (0, {TcShapingPlan.MaxRateMBps}] separated by a comma, got '{(ChangeRates ?? "").Trim()}'.";
        ChangeRatesMBps = (double.Parse(changeRates[0].Trim(), CultureInfo.InvariantCulture), double.Parse(changeRates[1].Trim(), CultureInfo.InvariantCulture));
        if (Changes is < 1 or > 1000)
            return $"--changes must be a whole number from 1 to 1000, got {Changes.Value.ToString(CultureInfo.InvariantCulture)}.";
        if (!double.IsFinite(ChangeFlowMb) || ChangeFlowMb < 1 || ChangeFlowMb > 1000)
            return $"--change-flow must be a size in MB from 1 to 1000, got {ChangeFlowMb.ToString(CultureInfo.InvariantCulture)}.";
        if (Prefix is not null && !PrefixPattern().IsMatch(Prefix))
            return $"--prefix must be 1-10 lower-case letters or digits starting with a letter, got '{Prefix}'.";
        if (!SubnetPattern().IsMatch(Subnet ?? ""))
            return $"--subnet must be a /24 written A.B.C.0/24, got '{Subnet}'.";
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,9}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0/24$")]
    private static partial Regex SubnetPattern();
}
