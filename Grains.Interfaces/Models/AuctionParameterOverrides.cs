namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// Overrides of <see cref="AuctionParameters"/>, every one optional: the one shape of the parameters as written, read
/// from an experiment config's <c>parameters</c> (and a sweep's <c>parameters.…</c> fields), a scenario's <c>params</c>
/// and a silo's <c>Auction:Parameters</c>. Each parameter is declared here once, with its rule; its names follow from
/// the property (<see cref="AuctionParameter"/>) and it sets the <see cref="AuctionParameters"/> property of the
/// same name. The rules are those of docs/algorithm.md; docs/configuration.md explains each.
/// </summary>
public sealed record AuctionParameterOverrides
{
    [ParameterRule.Positive] public long? BeaconIntervalMs { get; init; }
    [ParameterRule.Positive] public long? BeaconTLimitMs { get; init; }
    [ParameterRule.Positive] public double? KUptime { get; init; }
    [ParameterRule.Positive] public double? KLoad { get; init; }
    [ParameterRule.Positive] public double? KStrength { get; init; }
    [ParameterRule.NonNegative] public double? Tau { get; init; }
    [ParameterRule.NonNegative] public double? ConsumerTau { get; init; }
    [ParameterRule.Between(0, 1)] public double? Gamma { get; init; }
    // A fittingness may be negative (PF is, when the bid exceeds ε times the consumer's price): any finite number.
    [ParameterRule.Finite] public double? DefaultPeerFf { get; init; }
    [ParameterRule.NonNegative] public double? DefaultPeerUplink { get; init; }
    [ParameterRule.NonNegative] public double? DefaultPeerDownlink { get; init; }
    // It stands in for a peer's bid, and a bid may be 0 (an ask price is ≥ 0); only the consumer's price divides.
    [ParameterRule.NonNegative] public double? DefaultPeerLastPrice { get; init; }
    // A starting reputation: the moving average of ratings in [0, 1] it starts stays there only from [0, 1].
    [ParameterRule.Between(0, 1)] public double? DefaultPeerFeedback { get; init; }
    [ParameterRule.Between(0, 255)] public double? MockRssi { get; init; }
    [ParameterRule.Positive] public long? PhaseDeadlineMs { get; init; }
    [ParameterRule.AggregatorName] public string? Aggregator { get; init; }
    [ParameterRule.Between(0, 1)] public double? ConsumerMemory { get; init; }

    /// <summary><paramref name="parameters"/> with every field set here; the rest keep their values. Check with <see cref="Validate(ParameterPaths)"/> first.</summary>
    public AuctionParameters ApplyTo(AuctionParameters parameters)
    {
        var result = parameters with { };
        foreach (var parameter in AuctionParameter.All)
        {
            if (parameter.ValueIn(this) is { } value) parameter.Set(result, value);
        }
        return result;
    }

    /// <summary>Every field set here that breaks its rule, in declaration order, each named as <paramref name="paths"/> names it.</summary>
    public IReadOnlyList<ParameterProblem> Validate(ParameterPaths paths) => Problems(paths, parameter => parameter.ValueIn(this));

    /// <summary>Every parameter of a complete set that breaks its rule: what grains check of a request or a provider's configuration.</summary>
    public static IReadOnlyList<ParameterProblem> Validate(AuctionParameters parameters, ParameterPaths paths) =>
        Problems(paths, parameter => parameter.ValueIn(parameters));

    private static List<ParameterProblem> Problems(ParameterPaths paths, Func<AuctionParameter, object?> valueOf)
    {
        var problems = new List<ParameterProblem>();
        foreach (var parameter in AuctionParameter.All)
        {
            if (valueOf(parameter) is { } value && parameter.Rule.Check(value) is { } sentence)
                problems.Add(new ParameterProblem(paths.Of(parameter), sentence));
        }
        return problems;
    }
}
