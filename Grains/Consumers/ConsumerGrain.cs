using System.Collections.Immutable;
using System.Diagnostics;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Grains.Persistence;
using Auction.Grains.Scoring;
using Auction.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Auction.Grains.Placement;
using Orleans.GrainDirectory;
using Orleans.Concurrency;

namespace Auction.Grains.Consumers;

/// <summary>
/// A consumer: runs each purchase request as one auction (or a baseline strategy), moves the flow through the
/// winner, rates it, tells every participant, and logs the transaction.
/// </summary>
/// <remarks>
/// Reentrant on purpose: while one auction waits for consensus vectors (which arrive as calls to this grain),
/// the vectors themselves and other auctions must get in. Each auction keeps its own state under its transaction
/// id, so interleaved auctions never share anything but the read-only dependencies.
/// </remarks>
[Reentrant]
[ConsumerSiloPlacement]
[GrainDirectory(AuctionGrainDirectory.Name)]
public sealed class ConsumerGrain(
    IFlowRunner flows,
    ITransactionLog log,
    AuctionClock clock,
    ProviderLiveness liveness,
    IOptions<ConsumerOptions> options,
    ILogger<ConsumerGrain> logger) : Grain, IConsumerGrain
{
    private readonly Dictionary<Guid, PendingAuction> _pending = new();
    // Requests between their validation and their answer, for clients asking whether this activation still runs one.
    private readonly HashSet<Guid> _running = [];
    // Grain references are immutable; resolving one costs more than a lookup here.
    private readonly Dictionary<string, IProviderGrain> _providerReferences = new(StringComparer.Ordinal);
    // The consumer's own ratings, one memory per experiment (an experiment must not learn from another's flows).
    private readonly Dictionary<Guid, ConsumerMemory> _memories = new();
    private readonly Queue<Guid> _memoryOrder = new();
    private const int RememberedExperiments = 100;
    // Consecutive auctions usually invite the same providers in the same order: their positions are worked out once.
    private ParticipantOrder? _lastOrder;

    private string Id => this.GetPrimaryKeyString();

    private IProviderGrain Provider(string providerId)
    {
        if (!_providerReferences.TryGetValue(providerId, out var provider))
            _providerReferences[providerId] = provider = GrainFactory.GetGrain<IProviderGrain>(providerId);
        return provider;
    }

    public Task ReceiveConsensus(ConsensusVector consensus)
    {
        // A vector for an auction that already ended (late, or a replay) has nowhere to go.
        if (_pending.TryGetValue(consensus.TransactionId, out var auction)) auction.Add(consensus);
        return Task.CompletedTask;
    }

    public Task<bool> IsRunning(Guid transactionId) => Task.FromResult(_running.Contains(transactionId));

    public async Task<TransactionRecord> Purchase(PurchaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Running from its first moment: the client's probe (IsRunning) must not take a request that is still reading
        // the registry for one this consumer lost.
        bool added = _running.Add(request.TransactionId);
        // The request's span, in the trace the call carried (the client's, when it traced the request; else the one
        // Orleans began for this call).
        using var span = AuctionTracing.StartRequest(AuctionTracing.Spans.Purchase, request, ActivityKind.Server);
        span?.SetTag(AuctionTracing.Attributes.Consumer, Id);
        try
        {
            var known = await KnownProvidersAsync(request.Providers);
            PurchaseValidator.Validate(request, known.Keys);
            if (!added || _pending.ContainsKey(request.TransactionId))
                throw new ArgumentException($"transaction_id {request.TransactionId} is already running.", "transaction_id");

            var parameters = request.Parameters ?? options.Value.Parameters;
            var draft = new TransactionDraft(request, Id, parameters, Now(request), known) { TraceId = AuctionTracing.CurrentTraceId() };
            var record = await RunAsync(request, parameters, draft, known);
            AuctionTracing.Finish(span, record);
            return record;
        }
        catch (Exception e) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            if (added) _running.Remove(request.TransactionId);
        }
    }

    // On a virtual clock the protocol's time is the request's experiment time, which stands still while the request runs.
    private DateTimeOffset Now(PurchaseRequest request) => request.Time is { IsVirtual: true } time ? time.At : clock.UtcNow;

    private PhaseWait WaitFor(PurchaseRequest request, AuctionParameters parameters) =>
        PhaseWait.For(request.Time, parameters.PhaseDeadlineMs, options.Value.SimulationStallBound);

    /// <summary>
    /// The registry's providers, plus any the request names that the registry has not heard of but an active silo says
    /// it hosts: those are asked directly (bounded by the phase deadline) and recorded. A consumer silo that just
    /// restarted has an empty registry until the providers' next heartbeats, and a request naming a live provider
    /// must not be refused as naming an unknown one.
    /// </summary>
    private async Task<Dictionary<string, ProviderInfo>> KnownProvidersAsync(IReadOnlyList<string>? named)
    {
        var registry = GrainFactory.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
        var known = (await registry.GetProviders()).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var unheard = named?.Where(id => id is not null && !known.ContainsKey(id) && liveness.IsHostedByName(id)).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (unheard.Length == 0) return known;
        var deadline = TimeSpan.FromMilliseconds(options.Value.Parameters.PhaseDeadlineMs);
        var answers = await Task.WhenAll(unheard.Select(id => Deadline.Answer(Provider(id).Start(), deadline)));
        foreach (var info in answers.Select(a => a.Value).OfType<ProviderInfo>())
        {
            await registry.Heartbeat(info);
            known[info.Id] = info;
        }
        return known;
    }

    /// <summary>The whole request, its record made durable (<see cref="ITransactionLog"/>) before it is returned.</summary>
    private async Task<TransactionRecord> RunAsync(
        PurchaseRequest request, AuctionParameters parameters, TransactionDraft draft, IReadOnlyDictionary<string, ProviderInfo> known)
    {
        // Wall-clock, whatever the protocol's clock: the metric says how long the cluster took to decide.
        long started = Stopwatch.GetTimestamp();
        TimeSpan? untilDecision = null;
        try
        {
            var selection = request.Strategy == Strategies.Auction
                ? await RunAuctionAsync(request, parameters, draft, known)
                : await RunBaselineAsync(request, parameters, draft, known);
            untilDecision = Stopwatch.GetElapsedTime(started);
            if (request.DecisionOnly)
            {
                var decided = draft.ToRecord();
                AuctionMetrics.Record(decided, untilDecision);
                return decided;
            }
            if (selection is not null) await RunFlowAsync(selection, request, draft);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Transaction {TransactionId} of consumer {Consumer} failed", request.TransactionId, Id);
            draft.Fail($"internal error: {e.Message}");
        }
        var record = draft.ToRecord();
        // Durable before the answer: once the client hears of it, the transaction is not lost.
        using (AuctionTracing.Source.StartActivity(AuctionTracing.Spans.TransactionWrite))
            await log.AppendAsync(record);
        AuctionMetrics.Record(record, untilDecision);
        return record;
    }

    /// <summary>Steps 1–5. Returns the winner and where to reach it, or null when the auction failed (recorded in the draft).</summary>
    private async Task<Selection?> RunAuctionAsync(
        PurchaseRequest request, AuctionParameters parameters, TransactionDraft draft, IReadOnlyDictionary<string, ProviderInfo> known)
    {
        var wait = WaitFor(request, parameters);
        var pending = new PendingAuction();
        _pending[request.TransactionId] = pending;
        try
        {
            // Step 1: BUY, answered at once by every live provider. Those whose silo the membership declared dead
            // or whose link is down are neither asked nor named to the others, so nobody waits a deadline for them.
            IReadOnlyList<string> alive;
            ParticipantOrder order;
            (bool Value, string? Missing)[] acks;
            using (AuctionTracing.Source.StartActivity(AuctionTracing.Spans.Buy))
            {
                alive = await InvitedAsync(request, draft, known, wait);
                var invitation = new AuctionInvitation(request.TransactionId, Id, request.Qos, alive, parameters.PhaseDeadlineMs) { Time = request.Time };
                order = _lastOrder = ParticipantOrder.Reuse(_lastOrder, alive);
                var calls = new Task<bool>[alive.Count];
                for (int i = 0; i < calls.Length; i++) calls[i] = Provider(alive[i]).Buy(invitation);
                // One deadline for the whole fan-out, not a timer per provider.
                acks = await Deadline.Answers(calls, wait.Bound);
            }
            var joined = alive.Where((_, i) => acks[i].Value).ToArray();
            for (int i = 0; i < acks.Length; i++)
                if (!acks[i].Value) draft.AddMissing([alive[i]], acks[i].Missing ?? MissingReasons.Refused);
            int lateAcks = acks.Count(a => a.Missing == MissingReasons.Late);
            if (wait.Virtual && lateAcks > 0)
                return draft.Fail(wait.Stalled($"{lateAcks} of {alive.Count} providers did not answer BUY"));
            if (joined.Length < 2)
                return draft.Fail($"only {joined.Length} of {request.Providers.Count} providers answered BUY within {parameters.PhaseDeadlineMs} ms");

            // Steps 2–4 run between the providers; their consensus comes back within two phases plus one for the answer.
            pending.Expect(joined);
            using (AuctionTracing.Source.StartActivity(AuctionTracing.Spans.Consensus))
                await Deadline.WaitAtMost(pending.AllAnswered, wait.Spanning(3));
            // A provider whose BUY answer came too late is out of this auction, even if its consensus arrives.
            var answers = joined.Where(pending.Answers.ContainsKey).Select(p => pending.Answers[p]).ToArray();
            draft.AddMissing(joined.Where(p => !pending.Answers.ContainsKey(p)), MissingReasons.Late);
            draft.Consensus(order, answers);
            if (wait.Virtual && answers.Length < joined.Length)
                return draft.Fail(wait.Stalled($"{joined.Length - answers.Length} of {joined.Length} providers did not send their consensus"));
            // On a virtual clock a consensus made without some peer's bid would not replay either.
            if (wait.Virtual && answers.Count(a => a.MissingPeers.Count > 0) is > 0 and var partial)
                return draft.Fail(wait.Stalled($"{partial} of {joined.Length} providers did not hear every peer's bid"));
            if (answers.Length < 2)
                return draft.Fail($"only {answers.Length} of {joined.Length} providers sent a consensus vector in time");

            // Step 5: the decision, on the vectors as they came (indexed by the invitation's order).
            using var decisionSpan = AuctionTracing.Source.StartActivity(AuctionTracing.Spans.Decision);
            var consensusVectors = new ImmutableArray<double>[order.Count];
            var asks = new double[order.Count];
            foreach (var answer in answers)
            {
                int position = order.IndexOf(answer.ProviderId);
                // A vector of another length was not made for this invitation: that provider is not a candidate.
                if (answer.Consensus.IsDefault || answer.Consensus.Length != order.Count) continue;
                consensusVectors[position] = answer.Consensus;
                asks[position] = answer.AskPrice;
            }
            var decision = DecisionMaker.Decide(
                order,
                consensusVectors,
                asks,
                parameters.ConsumerTau,
                parameters.Aggregator,
                parameters.ConsumerMemory > 0 ? MemoryFor(request, parameters) : null,
                parameters.ConsumerMemory);
            var winner = decision.Winner is null ? null : answers.Single(a => a.ProviderId == decision.Winner);
            return draft.Decide(decision.FinalScores, winner is null ? null : new Selection(winner.ProviderId, winner.AskPrice, winner.Endpoint, joined) { Link = winner.Link }, Now(request));
        }
        finally
        {
            _pending.Remove(request.TransactionId);
        }
    }

    /// <summary>The strategies that look only at the providers' own offers: naive, random, cheapest.</summary>
    private async Task<Selection?> RunBaselineAsync(
        PurchaseRequest request, AuctionParameters parameters, TransactionDraft draft, IReadOnlyDictionary<string, ProviderInfo> known)
    {
        var wait = WaitFor(request, parameters);
        IReadOnlyList<string> alive;
        (string Id, (AdvertisedOffer? Value, string? Missing) Answer)[] replies;
        // The baselines' first phase: the offers asked of the invited providers, in place of BUY.
        using (AuctionTracing.Source.StartActivity(AuctionTracing.Spans.Buy))
        {
            alive = await InvitedAsync(request, draft, known, wait);
            replies = await Task.WhenAll(alive.Select(async p =>
                (Id: p, Answer: await Deadline.Answer(Provider(p).GetOffer(request.Time), wait.Bound))));
        }
        foreach (var r in replies.Where(r => r.Answer.Value is null))
            draft.AddMissing([r.Id], r.Answer.Missing ?? MissingReasons.Refused);
        int late = replies.Count(r => r.Answer.Missing == MissingReasons.Late);
        if (wait.Virtual && late > 0)
            return draft.Fail(wait.Stalled($"{late} of {alive.Count} providers did not answer with an offer"));
        var offers = replies.Where(r => r.Answer.Value is not null).Select(r => r.Answer.Value!).ToArray();
        if (offers.Length == 0)
            return draft.Fail($"none of {request.Providers.Count} providers answered with an offer within {parameters.PhaseDeadlineMs} ms");

        using var decisionSpan = AuctionTracing.Source.StartActivity(AuctionTracing.Spans.Decision);
        var scores = BaselineSelector.Score(request.Strategy, offers, request.Qos, request.Sequence);
        var prices = offers.ToDictionary(o => o.ProviderId, o => o.AskPrice, StringComparer.Ordinal);
        string? winnerId = DecisionMaker.PickBest(scores.Select(kv => (kv.Key, kv.Value)), prices);
        var winner = offers.SingleOrDefault(o => o.ProviderId == winnerId);
        // Baselines keep no reputation: only the winner hears of the flow, to count it.
        return draft.Decide(scores, winner is null ? null : new Selection(winner.ProviderId, winner.AskPrice, winner.Endpoint, [winner.ProviderId]) { Link = winner.Link }, Now(request));
    }

    /// <summary>
    /// The request's providers that are asked: not those whose silo is dead (<see cref="MissingReasons.Dead"/>) nor those
    /// the registry knows to have their link down (<see cref="MissingReasons.Down"/>) and that stay down at this request;
    /// a link that went down since its provider last told the registry refuses the call itself, with the same reason.
    /// </summary>
    private async Task<IReadOnlyList<string>> InvitedAsync(
        PurchaseRequest request, TransactionDraft draft, IReadOnlyDictionary<string, ProviderInfo> known, PhaseWait wait)
    {
        var (alive, dead) = liveness.Split(request.Providers);
        draft.AddMissing(dead, MissingReasons.Dead);
        var down = alive.Where(p => known.GetValueOrDefault(p)?.LinkDown == true).ToArray();
        if (down.Length == 0) return alive;
        var back = await BackUpAsync(request, down, wait);
        draft.AddMissing(down.Where(p => !back.Contains(p)), MissingReasons.Down);
        return alive.Where(p => known.GetValueOrDefault(p)?.LinkDown != true || back.Contains(p)).ToArray();
    }

    /// <summary>
    /// Of the providers the registry has down, those whose world brings their link back up by this request. On the wall
    /// clock they hear of requests only from the consumer, so each is told the request first; the virtual clock has
    /// already moved every provider to it (and the registry heard), so there is nothing to ask.
    /// </summary>
    private async Task<IReadOnlySet<string>> BackUpAsync(PurchaseRequest request, IReadOnlyList<string> down, PhaseWait wait)
    {
        if (request.Time is not { IsVirtual: false } time) return ImmutableHashSet<string>.Empty;
        var answers = await Deadline.Answers(down.Select(p => Provider(p).ReachRequest(time)).ToArray(), wait.Bound);
        return down.Where((_, i) => answers[i].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>This consumer's memory of its ratings in the request's experiment (requests outside experiments share one).</summary>
    private ConsumerMemory MemoryFor(PurchaseRequest request, AuctionParameters parameters)
    {
        var key = request.ExperimentId ?? Guid.Empty;
        if (_memories.TryGetValue(key, out var memory)) return memory;
        memory = new ConsumerMemory(parameters.Gamma, parameters.DefaultPeerFeedback);
        _memories[key] = memory;
        _memoryOrder.Enqueue(key);
        while (_memoryOrder.Count > RememberedExperiments) _memories.Remove(_memoryOrder.Dequeue());
        return memory;
    }

    /// <summary>Steps 6–8: START_FLOW, the flow, the rating and TRANSACTION_END.</summary>
    private async Task RunFlowAsync(Selection selection, PurchaseRequest request, TransactionDraft draft)
    {
        var parameters = request.Parameters ?? options.Value.Parameters;
        var wait = WaitFor(request, parameters);
        // Ended where TRANSACTION_END starts, so that the rating's span follows it rather than sitting inside it.
        var flowSpan = AuctionTracing.Source.StartActivity(AuctionTracing.Spans.Flow);
        flowSpan?.SetTag(AuctionTracing.Attributes.Winner, selection.WinnerId);
        await TellAsync(selection.Informed, p => p.StartFlow(request.TransactionId, selection.WinnerId), wait, "START_FLOW", draft);

        // TRANSACTION_END goes out whatever happens, so that the winner never keeps counting this flow.
        var end = new TransactionEnd(request.TransactionId, selection.WinnerId, null, null, null);
        try
        {
            using var cts = new CancellationTokenSource(options.Value.FlowTimeout);
            FlowResult flow;
            var startedAt = Now(request);
            try
            {
                flow = await flows.RunAsync(selection.WinnerId, selection.Endpoint, request.Qos.FlowSizeMb, request.Time, cts.Token);
            }
            catch (OperationCanceledException)
            {
                flow = FlowResult.Failed(startedAt, startedAt + options.Value.FlowTimeout, false, $"the flow took longer than {options.Value.FlowTimeout}");
            }

            double? rating = flow.Succeeded
                ? ConsumerRating.Of(flow.UplinkMBps, flow.DownlinkMBps, request.Qos.Uplink, request.Qos.Downlink)
                : null;
            draft.Flow(flow, rating);
            if (!flow.Succeeded) flowSpan?.SetStatus(ActivityStatusCode.Error, flow.Error);
            // Baselines keep no reputation: their TRANSACTION_END only ends the winner's count.
            if (request.Strategy == Strategies.Auction && rating is not null)
            {
                end = end with { MeasuredUplink = flow.UplinkMBps, MeasuredDownlink = flow.DownlinkMBps, Rating = rating };
                if (parameters.ConsumerMemory > 0) MemoryFor(request, parameters).Record(selection.WinnerId, rating.Value);
            }
        }
        finally
        {
            flowSpan?.Dispose();
            using var ratingSpan = AuctionTracing.Source.StartActivity(AuctionTracing.Spans.Rating);
            await TellAsync(selection.Informed, p => p.EndTransaction(end), wait, "TRANSACTION_END", draft);
        }
    }

    /// <summary>
    /// START_FLOW or TRANSACTION_END to every informed provider. On a virtual clock the consumer waits (bounded) until
    /// all of them have it, so that the next request finds their rows and flow counts settled; on the wall clock it
    /// sends and goes on, as the protocol's one-way messages do.
    /// </summary>
    private async Task TellAsync(IReadOnlyList<string> providers, Func<IProviderGrain, Task> message, PhaseWait wait, string name, TransactionDraft draft)
    {
        var calls = new Task[providers.Count];
        for (int i = 0; i < calls.Length; i++) calls[i] = message(Provider(providers[i]));
        if (wait.Virtual && !await Deadline.WaitAtMost(Task.WhenAll(calls), wait.Bound))
            draft.Fail(wait.Stalled($"{calls.Count(c => !c.IsCompleted)} of {calls.Length} providers did not take {name}"));
        foreach (var call in calls) Deadline.Observe(call);
    }
}

/// <summary>The chosen provider, where its flow goes, who is told about it, and its link as it said it applied it.</summary>
internal sealed record Selection(string WinnerId, double AskPrice, LinkEndpoint Endpoint, IReadOnlyList<string> Informed)
{
    public ProviderLinkState? Link { get; init; }
}
