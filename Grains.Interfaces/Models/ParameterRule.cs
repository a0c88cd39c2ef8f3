using System.Globalization;

namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// The rule an auction parameter's value must keep, written on its <see cref="AuctionParameterOverrides"/> property
/// (<c>[ParameterRule.Between(0, 1)]</c>): every reader of parameters checks it through
/// <see cref="AuctionParameterOverrides.Validate(ParameterPaths)"/>, so a value is accepted or refused alike everywhere.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class ParameterRule : Attribute
{
    /// <summary>What the value must be, as a message says it after the field's path: "must be ≥ 0".</summary>
    public abstract string Text { get; }

    /// <summary>Null when <paramref name="value"/> keeps the rule, else the sentence after the field's path: "must be ≥ 0, got -1.".</summary>
    public abstract string? Check(object value);

    /// <summary>A value as messages show it: a number in its shortest round-trip form, a string quoted and cut short.</summary>
    public static string Show(object value) => value switch
    {
        string text => $"\"{ValueExcerpt.Of(text)}\"",
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A number (a whole number of milliseconds too): finite first, then the rule's own bound.</summary>
    public abstract class Number : ParameterRule
    {
        public override string? Check(object value)
        {
            double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (!double.IsFinite(number)) return $"must be a finite number, got {Show(value)}.";
            return Allows(number) ? null : $"{Text}, got {Show(value)}.";
        }

        protected abstract bool Allows(double value);
    }

    /// <summary>Any finite number.</summary>
    public sealed class Finite : Number
    {
        public override string Text => "must be a finite number";
        protected override bool Allows(double value) => true;
    }

    /// <summary>A number above zero: a slope, a period, a deadline.</summary>
    public sealed class Positive : Number
    {
        public override string Text => "must be > 0";
        protected override bool Allows(double value) => value > 0;
    }

    /// <summary>Zero or more: a cutoff, a speed, a bid.</summary>
    public sealed class NonNegative : Number
    {
        public override string Text => "must be ≥ 0";
        protected override bool Allows(double value) => value >= 0;
    }

    /// <summary>A number in [lowest, highest], both included: a weight, a reputation, a signal strength.</summary>
    public sealed class Between(double lowest, double highest) : Number
    {
        public override string Text => $"must be in [{Show(lowest)}, {Show(highest)}]";
        protected override bool Allows(double value) => value >= lowest && value <= highest;
    }

    /// <summary>The name of one of the score aggregators (<see cref="AggregatorNames.All"/>).</summary>
    public sealed class AggregatorName : ParameterRule
    {
        public override string Text => $"must be one of {string.Join(", ", AggregatorNames.All.Select(a => $"'{a}'"))}";

        public override string? Check(object value) =>
            value is string name && AggregatorNames.All.Contains(name) ? null : $"{Text}, got {Show(value)}.";
    }
}
