using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;

namespace Auction.Grains.Consumers;

/// <summary>A transaction record being filled in as the purchase goes through its steps.</summary>
internal sealed class TransactionDraft(
    PurchaseRequest request,
    string consumerId,
    AuctionParameters parameters,
    DateTimeOffset requestedAt,
    IReadOnlyDictionary<string, ProviderInfo> known)
{
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> _scoreVectors = new Dictionary<string, IReadOnlyDictionary<string, double>>();
    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> _consensusVectors = new Dictionary<string, IReadOnlyDictionary<string, double>>();
    private IReadOnlyDictionary<string, double> _finalScores = new Dictionary<string, double>();
    private IReadOnlyDictionary<string, ProviderPractice> _practices = new Dictionary<string, ProviderPractice>();
    private DateTimeOffset? _decidedAt;
    private Selection? _selection;
    private FlowResult? _flow;
    private double? _rating;
    private string? _failure;

    private readonly Dictionary<string, string> _missingReasons = new(StringComparer.Ordinal);

    /// <summary>The id of the trace the request runs in (null when it is not traced).</summary>
    public string? TraceId { get; init; }

    /// <summary>Providers left out of the transaction and why (<see cref="MissingReasons"/>; the first reason given wins).</summary>
    public void AddMissing(IEnumerable<string> providers, string reason)
    {
        foreach (var provider in providers)
        {
            _missing.Add(provider);
            _missingReasons.TryAdd(provider, reason);
        }
    }

    /// <summary>
    /// The providers' vectors as the record keeps them (target id → value): a score vector in the invitation's order,
    /// as the provider scored its peers; a consensus vector in target-id order, as the provider computed it.
    /// </summary>
    public void Consensus(ParticipantOrder order, IEnumerable<ConsensusVector> answers)
    {
        var list = answers.OrderBy(a => a.ProviderId, StringComparer.Ordinal).ToArray();
        _scoreVectors = list.ToDictionary(
            a => a.ProviderId, a => (IReadOnlyDictionary<string, double>)ScoreVectors.InParticipantOrder(order, a.SentScores), StringComparer.Ordinal);
        _consensusVectors = list.ToDictionary(
            a => a.ProviderId, a => (IReadOnlyDictionary<string, double>)ScoreVectors.InIdOrder(order, a.Consensus), StringComparer.Ordinal);
        _practices = list.Where(a => a.Practice is not null).ToDictionary(a => a.ProviderId, a => a.Practice!, StringComparer.Ordinal);
    }

    /// <summary>Records the decision; a decision without a winner fails the transaction.</summary>
    public Selection? Decide(IReadOnlyDictionary<string, double> finalScores, Selection? selection, DateTimeOffset decidedAt)
    {
        _finalScores = finalScores;
        _decidedAt = decidedAt;
        _selection = selection;
        return selection ?? Fail("no provider was scored, so none could win");
    }

    public void Flow(FlowResult flow, double? rating)
    {
        _flow = flow;
        _rating = rating;
        if (!flow.Succeeded) Fail($"flow through {_selection?.WinnerId} failed: {flow.Error}");
    }

    /// <summary>Marks the transaction failed (the first reason wins) and returns null, for "no selection".</summary>
    public Selection? Fail(string reason)
    {
        _failure ??= reason;
        return null;
    }

    public TransactionRecord ToRecord() => TransactionRecord.ForRequest(request, consumerId, requestedAt, parameters) with
    {
        DecidedAt = _decidedAt,
        FlowStartedAt = _flow?.StartedAt,
        FlowEndedAt = _flow?.EndedAt,
        Missing = _missing.ToArray(),
        MissingReasons = new Dictionary<string, string>(_missingReasons, StringComparer.Ordinal),
        ScoreVectors = _scoreVectors,
        ConsensusVectors = _consensusVectors,
        FinalScores = _finalScores,
        Winner = _selection?.WinnerId,
        WinnerFaulty = _selection is null ? null : known.GetValueOrDefault(_selection.WinnerId)?.Faulty,
        PricePaid = _selection?.AskPrice,
        WinnerLink = _selection?.Link,
        MeasuredUplink = _flow is { Succeeded: true } ? _flow.UplinkMBps : null,
        MeasuredDownlink = _flow is { Succeeded: true } ? _flow.DownlinkMBps : null,
        Rating = _rating,
        Outcome = _failure is null ? TransactionOutcome.Completed : TransactionOutcome.Failed,
        FailureReason = _failure,
        Simulated = _flow?.Simulated ?? false,
        ProviderParameters = _practices,
        TraceId = TraceId,
    };
}
