using System.Globalization;
using System.Text.Json;
using Auction.Client.Scoring;

namespace Auction.Tests.Unit.Client;

public class ScenarioResultWriterTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.30000000000000004)]       // 0.1 + 0.2
    [InlineData(0.3333333333333333)]        // 1/3
    [InlineData(5e-324)]                    // the smallest subnormal
    [InlineData(1.7976931348623157e308)]    // double.MaxValue
    [InlineData(-0.07845201025754803)]
    [InlineData(0.0)]
    public void Numbers_RoundTripExactly(double value)
    {
        var result = new ScenarioResult(
            "zscore",
            new(StringComparer.Ordinal) { ["a"] = new(StringComparer.Ordinal) { ["b"] = value } },
            new(StringComparer.Ordinal),
            new(StringComparer.Ordinal) { ["b"] = value },
            "b");
        var element = JsonDocument.Parse(ScenarioResultWriter.ToJson(result)).RootElement.GetProperty("final").GetProperty("b");
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(element.GetDouble()));
        // and it is the shortest round-trip text, the same as "R" formatting gives
        Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), element.GetRawText(), ignoreCase: true);
    }

    [Fact]
    public void KeysAreInOrdinalOrderAndAMissingWinnerIsNull()
    {
        var final = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["b"] = 1, ["B"] = 2, ["a"] = 3 };
        var json = ScenarioResultWriter.ToJson(new ScenarioResult("zscore", new(StringComparer.Ordinal), new(StringComparer.Ordinal), final, null));
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["B", "a", "b"], root.GetProperty("final").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("winner").ValueKind);
    }
}
