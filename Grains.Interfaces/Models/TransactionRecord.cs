namespace Auction.Grains.Interfaces.Models;

/// <summary>Everything one purchase request left behind, as docs/algorithm.md ("What a run records") lists it.</summary>
[GenerateSerializer, Immutable]
public sealed record TransactionRecord
{
    [Id(0)] public required Guid TransactionId { get; init; }
    [Id(1)] public Guid? ExperimentId { get; init; }
    [Id(2)] public required string Strategy { get; init; }
    [Id(3)] public required string ConsumerId { get; init; }
    [Id(4)] public required DateTimeOffset RequestedAt { get; init; }
    [Id(5)] public DateTimeOffset? DecidedAt { get; init; }
    [Id(6)] public DateTimeOffset? FlowStartedAt { get; init; }
    [Id(7)] public DateTimeOffset? FlowEndedAt { get; init; }
    [Id(8)] public required Qos Qos { get; init; }
    [Id(9)] public required IReadOnlyList<string> Participants { get; init; }
    [Id(10)] public IReadOnlyList<string> Missing { get; init; } = [];
    /// <summary>scorer → target → FF, as each provider sent it to its peers.</summary>
    [Id(11)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ScoreVectors { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();
    /// <summary>provider → target → FFnew, as each provider sent it to the consumer.</summary>
    [Id(12)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ConsensusVectors { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();
    [Id(13)] public IReadOnlyDictionary<string, double> FinalScores { get; init; } = new Dictionary<string, double>();
    [Id(14)] public string? Winner { get; init; }
    [Id(15)] public bool? WinnerFaulty { get; init; }
    [Id(16)] public double? PricePaid { get; init; }
    [Id(17)] public double? MeasuredUplink { get; init; }
    [Id(18)] public double? MeasuredDownlink { get; init; }
    [Id(19)] public double? Rating { get; init; }
    [Id(20)] public required TransactionOutcome Outcome { get; init; }
    [Id(21)] public string? FailureReason { get; init; }
    [Id(22)] public bool Simulated { get; init; }
    [Id(23)] public string Aggregator { get; init; } = AggregatorNames.ZScore;
    /// <summary>Position of the request in its experiment's sequence (0-based), when fired by an experiment.</summary>
    [Id(24)] public int? Sequence { get; init; }
    /// <summary>The decision variant (<see cref="AuctionParameters.Variant"/>); <c>none</c> for the baselines.</summary>
    [Id(25)] public string Variant { get; init; } = AggregatorNames.ZScore;
    /// <summary>The parameters the consumer used for this request.</summary>
    [Id(26)] public AuctionParameters? ConsumerParameters { get; init; }
    /// <summary>provider → what it used (tau, aggregator) and how it behaved, as each provider reported it.</summary>
    [Id(27)] public IReadOnlyDictionary<string, ProviderPractice> ProviderParameters { get; init; } = new Dictionary<string, ProviderPractice>();
    /// <summary>provider → why it is in <see cref="Missing"/>: <see cref="MissingReasons.Dead"/>, <see cref="MissingReasons.Late"/>, <see cref="MissingReasons.Refused"/> or <see cref="MissingReasons.Down"/>.</summary>
    [Id(28)] public IReadOnlyDictionary<string, string> MissingReasons { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// The request's moment on its experiment's clock (which clock, its origin, the experiment time, the request number);
    /// null outside an experiment. Not a column yet: a stored row of a simulated experiment was timed on the virtual
    /// clock, whose origin is the experiment's <c>started_at</c>.
    /// </summary>
    [Id(29)] public ExperimentTime? Time { get; init; }
    /// <summary>The winner's link as it applied it when it made the offer or consensus that won (null: no winner, or it did not say).</summary>
    [Id(30)] public ProviderLinkState? WinnerLink { get; init; }
    /// <summary>The W3C trace id (32 hex digits) of the request's trace, when it was traced; null otherwise (docs/observability.md).</summary>
    [Id(31)] public string? TraceId { get; init; }

    /// <summary>
    /// A request's record before anything came of it: what the request says, failed, with no reason yet. The client
    /// records it (with a reason) for a request that gets no answer; the consumer fills in what the purchase did.
    /// </summary>
    /// <param name="parameters">
    /// The parameters the consumer uses; null when the client does not know them (the experiment names none), and the
    /// aggregator and variant are then those of <see cref="AuctionParameters.Default"/>.
    /// </param>
    public static TransactionRecord ForRequest(
        PurchaseRequest request, string consumerId, DateTimeOffset requestedAt, AuctionParameters? parameters) => new()
    {
        TransactionId = request.TransactionId,
        ExperimentId = request.ExperimentId,
        Sequence = request.Sequence,
        Strategy = request.Strategy,
        ConsumerId = consumerId,
        RequestedAt = requestedAt,
        Qos = request.Qos,
        Participants = request.Providers.ToArray(),
        Outcome = TransactionOutcome.Failed,
        Aggregator = (parameters ?? AuctionParameters.Default).AggregatorFor(request.Strategy),
        Variant = (parameters ?? AuctionParameters.Default).VariantFor(request.Strategy),
        ConsumerParameters = parameters,
        Time = request.Time,
    };
}

/// <summary>How a transaction ended.</summary>
[GenerateSerializer]
public enum TransactionOutcome
{
    Completed = 0,
    Failed = 1,
}

/// <summary>Why a provider took no part in an auction it was asked to.</summary>
public static class MissingReasons
{
    /// <summary>The membership had declared its silo dead (or no silo hosts it): it was not asked.</summary>
    public const string Dead = "dead";
    /// <summary>It did not answer within the phase deadline.</summary>
    public const string Late = "late";
    /// <summary>The call to it failed (its silo refused or was unreachable).</summary>
    public const string Refused = "refused";
    /// <summary>Its link was down (its world's schedule took it down): it refused the request.</summary>
    public const string Down = "down";
}
