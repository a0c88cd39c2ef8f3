using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring;
using Auction.Grains.Scoring.Adversaries;
using Auction.Grains.Consumers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Auction.Grains.Placement;
using Auction.Grains.Network;
using Auction.Grains.Worlds;
using Orleans.GrainDirectory;
using Orleans.Concurrency;
using Auction.Grains.Telemetry;

namespace Auction.Grains.Providers;

/// <summary>
/// A provider: beacons its peers, bids, scores, reaches a consensus and reports it to the consumer. It reads the
/// wall clock, unless a simulated run put it on a virtual clock (<see cref="StartVirtualClock"/>): then its beacons go
/// out as that clock is advanced and an auction's time is its request's experiment time.
/// </summary>
/// <remarks>
/// Reentrant on purpose: an auction waits (bounded by the phase deadline) for its peers' bids and vectors, and
/// those arrive as calls to this same grain; a non-reentrant grain would hold them back until the wait ran out.
/// Peer messages are one-way, so no provider ever waits for another's answer and no call cycle can form; the one
/// answered peer call, the beacons of a virtual clock's advance (<see cref="ReceiveBeacons"/>), calls nobody.
/// Interleaving happens only at awaits, so the state below is still touched by one turn at a time.
/// </remarks>
[Reentrant]
[ProviderPinnedPlacement]
[GrainDirectory(AuctionGrainDirectory.Name)]
public sealed class ProviderGrain(
    IProviderCatalog catalog, AuctionClock clock, ILinkControl links, IOptions<ConsumerOptions> consumerOptions, ILogger<ProviderGrain> logger)
    : Grain, IProviderGrain
{
    // An auction whose BUY never came is dropped after this long (its messages came from an auction we missed).
    private static readonly TimeSpan OrphanAuctionAge = TimeSpan.FromMinutes(1);
    private const int RememberedFinishedAuctions = 10_000;
    // Changing a real link takes a few tc and iptables commands; one that hangs must not hold the provider.
    private static readonly TimeSpan LinkControlTimeout = TimeSpan.FromSeconds(20);

    // As the catalog configures it: the state a provider without a world keeps.
    private ProviderConfig _catalogConfig = null!;
    // As it is now: the catalog's, or its world's state at the latest moment it saw.
    private ProviderConfig _config = null!;
    private AuctionParameters _parameters = null!;
    private PeerScoreBook _book = null!;
    private IAdversary? _adversary;
    private readonly Dictionary<Guid, ProviderAuction> _auctions = new();
    private readonly HashSet<Guid> _finished = new();
    private readonly Queue<Guid> _finishedOrder = new();
    // Active flows won, by when they started; one whose TRANSACTION_END never came stops counting after FlowExpiry.
    private readonly Dictionary<Guid, DateTimeOffset> _myFlows = new();
    private IReadOnlyList<string> _livePeers = [];
    // Grain references are immutable; resolving one costs more than a lookup here, and a provider sends to every peer in every auction.
    private readonly Dictionary<string, IProviderGrain> _peerReferences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IConsumerGrain> _consumerReferences = new(StringComparer.Ordinal);
    // Consecutive auctions usually invite the same providers in the same order: their positions are worked out once.
    private ParticipantOrder? _lastOrder;
    private ProviderPractice _practice = null!;
    private string? _id;
    // Set by a run on a virtual clock: beacons then follow that clock, never the wall-clock timer.
    private VirtualBeaconSchedule? _virtual;
    // Set by a run in a world (EnterWorld): the provider's state follows its schedule.
    private WorldFollower? _world;
    private Behaviour? _behaviour;
    private IGrainTimer? _worldTimer;
    // The link as applied (the winner's is recorded), its impairment, and the last application to the real link.
    private ProviderLinkState _link = null!;
    private LinkImpairment? _impairment;
    private Task _linking = Task.CompletedTask;
    private double _rssi;

    // Read from the grain id once: GetPrimaryKeyString decodes (and allocates) a new string at every call.
    private string Id => _id ??= this.GetPrimaryKeyString();
    private TimeSpan FlowExpiry => consumerOptions.Value.FlowExpiry;
    private long NowMs => clock.UnixMs;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _catalogConfig = catalog.Find(Id)
            ?? throw new InvalidOperationException($"Provider '{Id}' is not configured on this silo (no entry in its provider catalog).");
        _parameters = _catalogConfig.Parameters;
        _book = new PeerScoreBook(_parameters);
        TakeCatalogState();
        try
        {
            await HeartbeatAsync();
        }
        catch (Exception e)
        {
            // The registry lives on a consumer silo that may not have joined yet; the beacon timer tries again.
            logger.LogWarning("Provider {Provider} could not reach the registry yet: {Error}", Id, e.Message);
        }
        this.RegisterGrainTimer(BeaconTickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = TimeSpan.FromMilliseconds(_parameters.BeaconIntervalMs),
            KeepAlive = true,
            Interleave = true,
        });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A provider's memory of its peers goes with its activation: worth a line in the log whenever it happens.
        logger.LogWarning("Provider {Provider} deactivated: {Reason}", Id, reason);
        return Task.CompletedTask;
    }

    public Task<ProviderInfo> Start() => Task.FromResult(Info(clock.UtcNow));

    private ProviderInfo Info(DateTimeOffset now) => new(Id, _config.Faulty, now) { LinkDown = !_link.Up };

    /// <summary>A fresh adversary for the behaviour now in force (none when honest), drawing from its seed, and the practice it reports.</summary>
    private void NewAdversary()
    {
        _adversary = _config.Faulty ? Adversary.Create(_config.Adversary, _config.Seed, _config.Allies) : null;
        _practice = new ProviderPractice(_parameters.Tau, _parameters.Aggregator, _adversary?.Name ?? AdversaryKinds.Honest);
    }

    public async Task<AdvertisedOffer> GetOffer(ExperimentTime? time)
    {
        using var span = AuctionTracing.StartProvider(AuctionTracing.Spans.ProviderOffer, Id);
        if (time is not null) await FollowWorldAsync(time.ElapsedMs, time.Request);
        RefuseWhileDown();
        // A baseline's request is a transaction too: an on-off provider counts it like an auction.
        _adversary?.TransactionJoined();
        return new AdvertisedOffer(Id, _config.AskPrice, _config.ClaimedUplink, _config.ClaimedDownlink, DeliveringEndpoint) { Link = _link };
    }

    private void RefuseWhileDown()
    {
        if (_link.Up) return;
        throw new ProviderLinkDownException($"provider {Id}'s link is down (step {_link.Step} of its world).");
    }

    /// <summary>
    /// Where and how fast its flows go: its endpoint, except that an adversary delivering 1 MB/s whatever its shape
    /// (on-off while lying) says so, which the simulated link honours.
    /// </summary>
    private LinkEndpoint DeliveringEndpoint => _adversary is { Throttled: true } && _config.Endpoint.ShapedUplink > ReferenceTopology.FaultyShapedRate
        ? _config.Endpoint with { ShapedUplink = ReferenceTopology.FaultyShapedRate, ShapedDownlink = ReferenceTopology.FaultyShapedRate }
        : _config.Endpoint;

    // ---- the world ----

    public async Task<ProviderLinkState> EnterWorld(WorldEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var world = WorldCache.Get(entry.World);
        var index = -1;
        for (var i = 0; i < world.Providers.Count && index < 0; i++)
            if (world.Providers[i].Id == Id) index = i;
        if (index < 0)
            throw new ArgumentException(
                $"provider {Id} is not in world \"{world.Name}\" (its providers: {string.Join(", ", world.Providers.Take(5).Select(p => p.Id))}{(world.Providers.Count > 5 ? ", …" : "")}).",
                nameof(entry));
        await StartWorldAsync(new WorldFollower(world.Providers[index], WorldExpansion.SeedOf(world.Providers[index], index, entry.Seed), entry));
        return _link;
    }

    /// <summary>Takes the world's start state (a fresh adversary included), applies it to the link and, on the wall clock, waits for its first change.</summary>
    private async Task StartWorldAsync(WorldFollower world)
    {
        _world = world;
        _worldTimer?.Dispose();
        _worldTimer = null;
        TakeState(world, world.Applied, fresh: true);
        // A link that cannot take the start state fails the run's start, with the reason.
        await ApplyLinkAsync();
        await ReportBehaviourAsync();
        ScheduleWorldTimer(world);
    }

    /// <summary>The catalog's configuration, as a provider that never entered a world has it.</summary>
    private void TakeCatalogState()
    {
        _config = _catalogConfig;
        _rssi = _parameters.MockRssi;
        _behaviour = null;
        _impairment = null;
        _link = new ProviderLinkState(_config.Endpoint.ShapedUplink, _config.Endpoint.ShapedDownlink, Up: true, Step: -1);
        NewAdversary();
    }

    /// <summary>Takes the world's state at <paramref name="moment"/>; the adversary is new when the behaviour changed (or <paramref name="fresh"/>), else it keeps its draws and counts.</summary>
    private void TakeState(WorldFollower world, ProviderMoment moment, bool fresh)
    {
        var state = moment.State;
        _config = _catalogConfig with
        {
            AskPrice = state.AskPrice,
            ClaimedUplink = state.Claimed.Uplink,
            ClaimedDownlink = state.Claimed.Downlink,
            Faulty = state.Behaviour.IsFaulty,
            Seed = world.Seed,
            Endpoint = _catalogConfig.Endpoint with { ShapedUplink = state.Shaped.Uplink, ShapedDownlink = state.Shaped.Downlink, Down = !state.LinkUp },
            Adversary = state.Behaviour.Adversary ?? AdversarySettings.Liar,
            Allies = state.Behaviour.Allies,
        };
        _rssi = state.SignalStrength ?? _parameters.MockRssi;
        _impairment = state.Impairment;
        _link = new ProviderLinkState(state.Shaped.Uplink, state.Shaped.Downlink, state.LinkUp, moment.StepIndex)
        {
            DelayMs = state.Impairment?.DelayMs ?? 0,
            JitterMs = state.Impairment?.JitterMs ?? 0,
            LossPercent = state.Impairment?.LossPercent ?? 0,
        };
        if (!fresh && Equals(_behaviour, state.Behaviour)) return;
        _behaviour = state.Behaviour;
        NewAdversary();
    }

    /// <summary>Moves the world to a request's experiment time and number; what changed is applied (state and link).</summary>
    private async Task FollowWorldAsync(long timeMs, int request)
    {
        if (_world is not { } world || world.Advance(timeMs, request) is not { } moment) return;
        var (wasFaulty, wasUp) = (_config.Faulty, _link.Up);
        TakeState(world, moment, fresh: false);
        try
        {
            await ApplyLinkAsync();
        }
        catch (Exception e)
        {
            // The run goes on with the state the schedule gives; the log says the real link lags behind it.
            logger.LogError(e, "Provider {Provider} could not apply step {Step} of its world to its link", Id, moment.StepIndex);
        }
        if (wasFaulty != _config.Faulty || wasUp != _link.Up) await ReportBehaviourAsync();
    }

    /// <summary>
    /// The registry records whether a provider is faulty (the consumer records a winner's) and whether its link is down
    /// (the consumer does not invite it): it hears at once when either changes.
    /// </summary>
    private async Task ReportBehaviourAsync()
    {
        try
        {
            await HeartbeatAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Provider {Provider} could not tell the registry its behaviour: {Error}", Id, e.Message);
        }
    }

    /// <summary>Applies the link state now in force to the real link, after any application still running.</summary>
    private Task ApplyLinkAsync()
    {
        var (link, impairment, previous) = (_link, _impairment, _linking);
        return _linking = Apply();

        async Task Apply()
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            using var timeout = new CancellationTokenSource(LinkControlTimeout);
            await links.ApplyAsync(Id, link, impairment, timeout.Token);
        }
    }

    /// <summary>On the wall clock, a timer for the next time step or trace row, at origin + t × time scale.</summary>
    private void ScheduleWorldTimer(WorldFollower world)
    {
        if (!world.FollowsWallClock || world.NextChangeMs() is not { } next) return;
        var due = world.WallTimeOf(next) - clock.UtcNow;
        _worldTimer = this.RegisterGrainTimer(WorldTimerTickAsync, (world, next), new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
            Interleave = true,
        });
    }

    private async Task WorldTimerTickAsync((WorldFollower World, long AtMs) due, CancellationToken cancellationToken)
    {
        // a timer of a world since left, or re-entered, has nothing to do
        if (!ReferenceEquals(due.World, _world)) return;
        _worldTimer?.Dispose();
        _worldTimer = null;
        // the protocol's clock may run behind the runtime's timer: the change waits until that clock reaches it
        if (clock.UtcNow >= due.World.WallTimeOf(due.AtMs)) await FollowWorldAsync(due.AtMs, due.World.Request);
        if (ReferenceEquals(due.World, _world) && _worldTimer is null) ScheduleWorldTimer(due.World);
    }

    public Task<ProviderSnapshot> GetSnapshot() => Task.FromResult(new ProviderSnapshot(
        Id,
        _myFlows.Count,
        _book.Rows.ToDictionary(
            kv => kv.Key,
            kv => new PeerRowSnapshot(kv.Value.FirstBeaconMs, kv.Value.LastBeaconMs, kv.Value.ChannelUtilization, kv.Value.Rssi,
                kv.Value.Uplink, kv.Value.Downlink, kv.Value.LastPrice, kv.Value.Feedback),
            StringComparer.Ordinal),
        _auctions.Count));

    // ---- beacons ----

    private async Task BeaconTickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await HeartbeatAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Provider {Provider} could not reach the registry: {Error}", Id, e.Message);
        }
        if (_virtual is null && _link.Up)
        {
            double honestCu = PeerMetrics.HonestChannelUtilization(_myFlows.Count);
            foreach (string peer in _livePeers)
            {
                double cu = _adversary?.ChannelUtilization(honestCu, peer) ?? honestCu;
                _ = Peer(peer).ReceiveBeacon(new Beacon(Id, cu, _rssi));
            }
        }
        DropOrphanAuctions();
        DropExpiredFlows();
    }

    private async Task HeartbeatAsync()
    {
        var registry = GrainFactory.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
        var now = clock.UtcNow;
        var providers = await registry.Heartbeat(Info(now));
        // Peers not heard of for longer than the beacon limit are presumed gone: no beacons to them.
        var limit = TimeSpan.FromMilliseconds(Math.Max(_parameters.BeaconTLimitMs, 3 * _parameters.BeaconIntervalMs));
        _livePeers = providers.Where(p => p.Id != Id && now - p.LastSeen <= limit).Select(p => p.Id).ToArray();
    }

    public Task ReceiveBeacon(Beacon beacon)
    {
        // On a virtual clock only the run's own beacons count: a wall-clock beacon has no place on that clock.
        if (beacon.ProviderId != Id && _virtual is null)
            _book.GetOrAdd(beacon.ProviderId).RecordBeacon(NowMs, beacon.ChannelUtilization, beacon.Rssi, _parameters.BeaconTLimitMs);
        return Task.CompletedTask;
    }

    // ---- the virtual clock of a simulated run ----

    public async Task StartVirtualClock(DateTimeOffset origin, IReadOnlyList<string> peers)
    {
        // Every run starts where a fresh activation would: no peer rows, no flows, the adversary's draws from its seed.
        _book = new PeerScoreBook(_parameters);
        _myFlows.Clear();
        _virtual = new VirtualBeaconSchedule(origin, _parameters.BeaconIntervalMs,
            peers.Where(p => p != Id).Distinct(StringComparer.Ordinal).ToArray());
        if (_world is { Entry.Start: { IsVirtual: true } start } world && start.Origin == origin)
        {
            // this run entered its world first: it starts from the world's start state all the same
            await StartWorldAsync(new WorldFollower(world.Provider, world.Seed, world.Entry));
        }
        else if (_world is not null)
        {
            // a run that enters no world (or enters it next) starts from the catalog's state
            _world = null;
            _worldTimer?.Dispose();
            _worldTimer = null;
            TakeCatalogState();
            await ApplyLinkAsync();
        }
        else
        {
            NewAdversary();
        }
    }

    public async Task AdvanceClock(ExperimentTime time)
    {
        var schedule = _virtual
            ?? throw new InvalidOperationException($"provider {Id} is not on a virtual clock: StartVirtualClock must come first.");
        await FollowWorldAsync(time.ElapsedMs, time.Request);
        var (firstMs, count) = schedule.AdvanceTo(time.ElapsedMs);
        // a link that is down sends no beacons: the ticks pass unheard
        if (count == 0 || schedule.Peers.Count == 0 || !_link.Up) return;
        // Drawn as the wall-clock timer would: at each tick one channel utilisation per peer, in the peers' order. The
        // flow count cannot change in between, since the clock stands still while a request runs.
        double honestCu = PeerMetrics.HonestChannelUtilization(_myFlows.Count);
        var lastCu = new double[schedule.Peers.Count];
        for (int tick = 0; tick < count; tick++)
            for (int p = 0; p < lastCu.Length; p++)
                lastCu[p] = _adversary?.ChannelUtilization(honestCu, schedule.Peers[p]) ?? honestCu;
        var deliveries = new Task[lastCu.Length];
        for (int p = 0; p < deliveries.Length; p++)
            deliveries[p] = Peer(schedule.Peers[p]).ReceiveBeacons(
                new BeaconRun(Id, schedule.OriginMs + firstMs, _parameters.BeaconIntervalMs, count, lastCu[p], _rssi));
        await Task.WhenAll(deliveries);
    }

    public async Task<bool> ReachRequest(ExperimentTime time)
    {
        await FollowWorldAsync(time.ElapsedMs, time.Request);
        return _link.Up;
    }

    public Task ReceiveBeacons(BeaconRun beacons)
    {
        if (beacons.ProviderId != Id && _virtual is not null)
            _book.GetOrAdd(beacons.ProviderId).RecordBeacons(
                beacons.FirstMs, beacons.IntervalMs, beacons.Count, beacons.ChannelUtilization, beacons.Rssi, _parameters.BeaconTLimitMs);
        return Task.CompletedTask;
    }

    // ---- the auction ----

    public async Task<bool> Buy(AuctionInvitation invitation)
    {
        // The auction it starts runs on after BUY is answered, in a span of its own under this one.
        using var span = AuctionTracing.StartProvider(AuctionTracing.Spans.ProviderBuy, Id, invitation.TransactionId);
        if (invitation.Time is { } time) await FollowWorldAsync(time.ElapsedMs, time.Request);
        RefuseWhileDown();
        if (_finished.Contains(invitation.TransactionId)) return false;
        var order = _lastOrder = ParticipantOrder.Reuse(_lastOrder, invitation.Participants);
        if (order.IndexOf(Id) < 0) return false;
        var auction = AuctionFor(invitation.TransactionId);
        if (auction is null || auction.Invitation is not null) return false;
        auction.Join(invitation, order);
        _adversary?.TransactionJoined();
        _ = RunAuctionAsync(auction);
        return true;
    }

    public Task ReceiveBid(Bid bid)
    {
        if (bid.ProviderId == Id) return Task.CompletedTask;
        _book.GetOrAdd(bid.ProviderId).RecordBid(bid.Price);
        AuctionFor(bid.TransactionId)?.AddBid(bid.ProviderId);
        return Task.CompletedTask;
    }

    public Task ReceiveScoreVector(ScoreVector vector)
    {
        if (vector.ProviderId != Id) AuctionFor(vector.TransactionId)?.AddVector(vector.ProviderId, vector.Scores);
        return Task.CompletedTask;
    }

    private async Task RunAuctionAsync(ProviderAuction auction)
    {
        var invitation = auction.Invitation!;
        var order = auction.Order!;
        int self = auction.Self;
        var wait = PhaseWait.ForProvider(invitation.Time, invitation.PhaseDeadlineMs, consumerOptions.Value.SimulationStallBound);
        using var span = AuctionTracing.StartProvider(AuctionTracing.Spans.ProviderScoreExchange, Id, auction.TransactionId);
        try
        {
            // Step 2: bid to every other participant, then wait for theirs (bounded). Messages are immutable and
            // never copied in the silo, so peers offered the same price get the same message.
            var bids = _adversary?.Bids(_config.AskPrice);
            Bid? bid = null;
            for (int p = 0; p < order.Count; p++)
            {
                if (p == self) continue;
                double price = bids?.Invoke(order[p]) ?? _config.AskPrice;
                if (bid is null || bid.Price != price) bid = new Bid(auction.TransactionId, Id, price);
                _ = Peer(order[p]).ReceiveBid(bid);
            }
            await Deadline.WaitAtMost(auction.AllBids, wait.Bound);

            // Step 3: score the peers whose bids arrived; they are the ones still in this auction.
            var live = new bool[order.Count];
            for (int p = 0; p < order.Count; p++) live[p] = p != self && auction.HasBid(p);
            // On a virtual clock the auction's "now" is the request's experiment time.
            var scores = ScorePeers(order, live, invitation.Qos, invitation.Time is { IsVirtual: true } time ? time.UnixMs : NowMs);
            auction.AddVector(Id, scores);
            auction.ExpectVectorsFrom(live);
            var vector = new ScoreVector(auction.TransactionId, Id, scores);
            for (int p = 0; p < order.Count; p++)
                if (live[p]) _ = Peer(order[p]).ReceiveScoreVector(vector);
            await Deadline.WaitAtMost(auction.AllVectors, wait.Bound);

            // Step 4: consensus over the vectors held (own included), sent to the consumer. The lies are drawn in
            // target-id order, as the results are listed, so that a seeded run replays them.
            var means = ConsensusCalculator.Consensus(order, self, live, auction.Vectors, _parameters.Tau, _parameters.Aggregator);
            var consensus = ScoreVectors.Empty(order.Count);
            foreach (int t in order.ByIdOrdinal)
                if (means[t].HasValue) consensus[t] = _adversary?.Consensus(means[t], order[t]) ?? means[t].Value;
            var missing = MissingPeers(order, self, auction);
            await Consumer(invitation.ConsumerId).ReceiveConsensus(new ConsensusVector(
                auction.TransactionId, Id, ImmutableCollectionsMarshal.AsImmutableArray(consensus), _config.AskPrice, DeliveringEndpoint, scores, missing)
            {
                Practice = _practice,
                Link = _link,
            });
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogError(e, "Provider {Provider} failed its part of auction {TransactionId}", Id, auction.TransactionId);
        }
        finally
        {
            Finish(auction.TransactionId);
        }
    }

    /// <summary>Peers whose bids did not arrive in time, in the invitation's order.</summary>
    private static IReadOnlyList<string> MissingPeers(ParticipantOrder order, int self, ProviderAuction auction)
    {
        List<string>? missing = null;
        for (int p = 0; p < order.Count; p++)
            if (p != self && !auction.HasBid(p)) (missing ??= []).Add(order[p]);
        return missing ?? (IReadOnlyList<string>)[];
    }

    /// <summary>FF of every live peer, in the invitation's order (the order in which a liar draws its lies).</summary>
    private ImmutableArray<double> ScorePeers(ParticipantOrder order, ReadOnlySpan<bool> live, Qos qos, long now)
    {
        // A wall clock stepped back behind a row's first beacon counts as no uptime yet, not as an error.
        var scores = ScoreVectors.Empty(order.Count);
        for (int p = 0; p < order.Count; p++)
        {
            if (!live[p]) continue;
            string peer = order[p];
            var row = _book.Find(peer);
            var components = row is null ? null : FittingnessCalculator.Components(row, qos, Math.Max(now, row.FirstBeaconMs ?? now), _parameters);
            double honest = components?.Factor ?? _parameters.DefaultPeerFf;
            scores[p] = _adversary?.Score(components, honest, peer) ?? honest;
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(scores);
    }

    // ---- flows and the end of a transaction ----

    public Task StartFlow(Guid transactionId, string winnerId)
    {
        using var span = AuctionTracing.StartProvider(AuctionTracing.Spans.ProviderFlow, Id, transactionId);
        if (winnerId == Id) _myFlows.TryAdd(transactionId, clock.UtcNow);
        return Task.CompletedTask;
    }

    public Task EndTransaction(TransactionEnd end)
    {
        using var span = AuctionTracing.StartProvider(AuctionTracing.Spans.ProviderTransactionEnd, Id, end.TransactionId);
        if (end.WinnerId == Id)
        {
            _myFlows.Remove(end.TransactionId);
        }
        else if (end is { Rating: { } rating, MeasuredUplink: { } up, MeasuredDownlink: { } down })
        {
            _book.GetOrAdd(end.WinnerId).RecordTransaction(up, down, rating, _parameters.Gamma);
        }
        return Task.CompletedTask;
    }

    private IConsumerGrain Consumer(string consumerId)
    {
        if (!_consumerReferences.TryGetValue(consumerId, out var consumer))
            _consumerReferences[consumerId] = consumer = GrainFactory.GetGrain<IConsumerGrain>(consumerId);
        return consumer;
    }

    private IProviderGrain Peer(string peerId)
    {
        if (!_peerReferences.TryGetValue(peerId, out var peer))
            _peerReferences[peerId] = peer = GrainFactory.GetGrain<IProviderGrain>(peerId);
        return peer;
    }

    // ---- bookkeeping of auctions ----

    private ProviderAuction? AuctionFor(Guid transactionId)
    {
        if (_finished.Contains(transactionId)) return null;
        if (!_auctions.TryGetValue(transactionId, out var auction))
        {
            auction = new ProviderAuction(transactionId, Id, clock.UtcNow);
            _auctions[transactionId] = auction;
        }
        return auction;
    }

    private void Finish(Guid transactionId)
    {
        _auctions.Remove(transactionId);
        if (!_finished.Add(transactionId)) return;
        _finishedOrder.Enqueue(transactionId);
        while (_finishedOrder.Count > RememberedFinishedAuctions) _finished.Remove(_finishedOrder.Dequeue());
    }

    private void DropExpiredFlows()
    {
        var now = clock.UtcNow;
        foreach (var (transactionId, startedAt) in _myFlows.Where(f => now - f.Value > FlowExpiry).ToArray())
        {
            _myFlows.Remove(transactionId);
            logger.LogWarning("Provider {Provider} stopped counting flow {TransactionId}: no TRANSACTION_END after {Expiry}", Id, transactionId, FlowExpiry);
        }
    }

    private void DropOrphanAuctions()
    {
        var now = clock.UtcNow;
        foreach (var auction in _auctions.Values.Where(a => a.Invitation is null && now - a.CreatedAt > OrphanAuctionAge).ToArray())
            Finish(auction.TransactionId);
    }
}
