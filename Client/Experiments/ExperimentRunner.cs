using System.Diagnostics;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces;
using System.Collections.Concurrent;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Placement;
using Auction.Grains.Telemetry;

namespace Auction.Client.Experiments;

/// <summary>How an <see cref="ExperimentRunner"/> fires requests.</summary>
public sealed record RunnerOptions
{
    public Guid? ExperimentId { get; init; }
    public required IReadOnlyList<string> Providers { get; init; }
    public int Consumers { get; init; } = 1;
    public int Concurrency { get; init; } = 1;
    public double TimeScale { get; init; } = 1;
    public AuctionParameters? Parameters { get; init; }
    /// <summary>The clock the requests are timed on; the wall clock unless the cluster says otherwise (<see cref="IExperimentCluster.ClockFor"/>).</summary>
    public IExperimentClock Clock { get; init; } = new WallExperimentClock();
    /// <summary>The world every strategy's run starts from (its providers enter it once the clock is started); null sends none, so the providers keep the world they have.</summary>
    public ExperimentWorld? World { get; init; }
    /// <summary>The experiment's seed, sent with the world: a provider whose world gives it no seed derives its own from it.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>After an interrupt: the longest the runner waits for the auctions still running.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait for one answer; null waits as long as the grain call's own response timeout.</summary>
    public AnswerBound? AnswerBound { get; init; }
    /// <summary>How often the client asks a consumer whether it still runs a request that has not been answered yet.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// Writes a failed row for a request that got no answer (consumer lost, gateway gone, timeout) and says whether a
    /// new row was stored (false: the request's row was already there); null writes nothing.
    /// </summary>
    public Func<TransactionRecord, CancellationToken, Task<bool>>? RecordUnanswered { get; init; }

    /// <summary>Request <paramref name="sequence"/> goes to consumer-(sequence mod K): the same consumer for every strategy.</summary>
    public string ConsumerFor(int sequence) => $"consumer-{sequence % Consumers}";
}

/// <summary>
/// Fires one strategy's planned request sequence at the consumer grains: request i is due
/// Σ_{k=1..i} interval_k × time scale after the first (the first fires at once; its drawn interval is not waited),
/// at most <see cref="RunnerOptions.Concurrency"/> requests are in flight (a due request waits for a free slot), and
/// each carries the experiment id, its sequence number and its experiment time (<see cref="IExperimentClock"/>), to
/// which the clock moves the providers before the request is fired. Stopping (an interrupt) fires nothing more and
/// waits, bounded, for the requests in flight.
/// </summary>
public sealed class ExperimentRunner(IGrainFactory grains, RunnerOptions options, IRunProgress progress, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<Guid, TransactionRecord> _inFlight = new();

    public async Task<StrategyRun> RunAsync(
        string strategy, IReadOnlyList<PlannedRequest> plan, CancellationToken stopFiring, CancellationToken stopWaiting)
    {
        var run = new StrategyRun(strategy, plan.Count);
        _inFlight.Clear();
        var clock = options.Clock;
        var origin = await clock.StartRunAsync(options.Providers);
        // Taken before the world is entered: on the wall clock the providers time the world's steps from the origin too.
        var start = _time.GetTimestamp();
        if (options.World is { } world) await EnterWorldAsync(world, new ExperimentTime(clock.Kind, origin, 0, 0));
        progress.StrategyStarted(run);
        // Not disposed: a request abandoned after an interrupt still releases its slot when it ends.
        var slots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        var inFlight = new List<Task>();
        var due = TimeSpan.Zero;
        var intervals = TimeSpan.Zero;
        try
        {
            foreach (var planned in plan)
            {
                if (planned.Sequence > 0)
                {
                    due += planned.Interval * options.TimeScale;
                    intervals += planned.Interval;
                }
                var wait = due - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stopFiring);
                await slots.WaitAsync(stopFiring);
                if (stopFiring.IsCancellationRequested)
                {
                    slots.Release();
                    break;
                }

                var time = new ExperimentTime(clock.Kind, origin, clock.ElapsedMs(intervals, _time.GetElapsedTime(start), options.TimeScale), planned.Sequence + 1);
                var moved = clock.AdvanceAsync(time, options.Providers);
                run.Fired++;
                progress.Fired(run, planned.Sequence);
                inFlight.Add(FireAsync(run, strategy, planned, time, moved, slots));
                // The next request is timed only once the providers' clock has reached this one.
                await moved.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException) when (stopFiring.IsCancellationRequested)
        {
        }

        var all = Task.WhenAll(inFlight);
        if (!stopFiring.IsCancellationRequested)
        {
            // Everything is fired: wait for the rest (each Purchase call is bounded by the grain interface's
            // response timeout), unless Ctrl-C comes meanwhile; then drain as below.
            try
            {
                await all.WaitAsync(stopFiring);
            }
            catch (OperationCanceledException) when (stopFiring.IsCancellationRequested)
            {
            }
        }

        run.Interrupted = stopFiring.IsCancellationRequested && !all.IsCompleted;
        if (run.Interrupted)
        {
            try
            {
                await all.WaitAsync(options.DrainTimeout, stopWaiting);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                run.Abandoned = inFlight.Count(t => !t.IsCompleted);
                // Still a row each: the consumer's own record replaces it should the request finish after all.
                var drain = TimeSpan.FromSeconds(10);
                using var bounded = new CancellationTokenSource(drain);
                await Task.WhenAll(_inFlight.Values.Select(r => RecordUnansweredAsync(run,
                    r with { FailureReason = $"interrupted: still running when the client stopped waiting after {options.DrainTimeout.TotalSeconds:0.#} s" },
                    bounded.Token)));
            }
        }
        else
        {
            await all;
        }

        progress.StrategyEnded(run);
        return run;
    }

    /// <summary>Every provider of the world takes its initial state and from then on follows its schedule on this run's clock.</summary>
    private async Task EnterWorldAsync(ExperimentWorld world, ExperimentTime start)
    {
        var entry = new WorldEntry(world.Source, start, options.TimeScale, options.Seed);
        await Task.WhenAll(world.ProviderIds.Select(async id =>
        {
            try
            {
                await grains.GetGrain<IProviderGrain>(id).EnterWorld(entry);
            }
            catch (Exception e)
            {
                throw new WorldEntryException($"provider '{id}' could not enter the world '{world.Name}': {e.GetType().Name}: {OneLine(e.Message)}", e);
            }
        }));
    }

    /// <param name="moved">the providers' clock moving to <paramref name="time"/>: the request goes out once it has, or is recorded unanswered.</param>
    private async Task FireAsync(StrategyRun run, string strategy, PlannedRequest planned, ExperimentTime time, Task moved, SemaphoreSlim slots)
    {
        var request = new PurchaseRequest
        {
            ExperimentId = options.ExperimentId,
            Sequence = planned.Sequence,
            Strategy = strategy,
            Qos = planned.Qos,
            Providers = options.Providers,
            Parameters = options.Parameters,
            Time = time,
        };
        var consumerId = options.ConsumerFor(planned.Sequence);
        // The root of the request's trace, when this process listens (the consumer's spans join it through the call);
        // a row the client records itself carries the same trace id as the consumer's would.
        using var span = AuctionTracing.StartRequest(AuctionTracing.Spans.ClientRequest, request, ActivityKind.Client);
        span?.SetTag(AuctionTracing.Attributes.Consumer, consumerId);
        var unanswered = TransactionRecord.ForRequest(request, consumerId, time.IsVirtual ? time.At : _time.GetUtcNow(), request.Parameters)
            with { TraceId = span?.TraceId.ToHexString() };
        _inFlight[request.TransactionId] = unanswered;
        try
        {
            await moved;
            var consumer = grains.GetGrain<IConsumerGrain>(consumerId);
            var record = await AnswerAsync(consumer, consumerId, request);
            AuctionTracing.Finish(span, record);
            _inFlight.TryRemove(request.TransactionId, out _);
            run.Add(record);
            progress.Finished(run, record);
        }
        catch (Exception e)
        {
            _inFlight.TryRemove(request.TransactionId, out _);
            var reason = Reason(e, consumerId);
            span?.SetTag(AuctionTracing.Attributes.Outcome, AuctionMetrics.Outcomes.Failed);
            span?.SetStatus(ActivityStatusCode.Error, reason);
            var error = $"request {planned.Sequence}: {reason}";
            run.AddError(error);
            progress.Errored(run, planned.Sequence, error);
            await RecordUnansweredAsync(run, unanswered with { FailureReason = reason }, CancellationToken.None);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// The consumer's answer. Bounded by <see cref="RunnerOptions.AnswerBound"/>; meanwhile the consumer is asked every
    /// <see cref="RunnerOptions.ProbeInterval"/> whether it still runs the request, and two answers in a row that it
    /// does not (its silo died and the grain lives elsewhere now, or no consumer silo is left) end the wait at once.
    /// </summary>
    private async Task<TransactionRecord> AnswerAsync(IConsumerGrain consumer, string consumerId, PurchaseRequest request)
    {
        var call = consumer.Purchase(request);
        var bound = options.AnswerBound?.For(request.Qos);
        var start = _time.GetTimestamp();
        var lost = 0;
        while (true)
        {
            var wait = options.ProbeInterval;
            if (bound is { } b && b - _time.GetElapsedTime(start) < wait) wait = b - _time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                using var cancel = new CancellationTokenSource();
                var first = await Task.WhenAny(call, Task.Delay(wait, _time, cancel.Token));
                await cancel.CancelAsync();
                if (first == call) return await call;
            }

            if (bound is { } limit && _time.GetElapsedTime(start) >= limit)
            {
                _ = call.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                throw new TimeoutException($"no answer from {consumerId} within {limit.TotalSeconds:0} s (phase deadlines + flow at the slowest rate + margin)");
            }

            bool? running;
            try
            {
                running = await consumer.IsRunning(request.TransactionId).WaitAsync(options.ProbeInterval);
            }
            catch (ProviderUnavailableException)
            {
                running = false; // no consumer silo is left in the cluster
            }
            catch (Exception)
            {
                running = null; // its silo does not answer: not dead yet as far as the membership knows
            }

            if (call.IsCompleted) return await call;
            lost = running == false ? lost + 1 : 0;
            if (lost >= 2)
            {
                _ = call.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                throw new ConsumerLostException($"{consumerId} lost the request: its silo died (the consumer now answers from another activation)");
            }
        }
    }

    private async Task RecordUnansweredAsync(StrategyRun run, TransactionRecord record, CancellationToken cancellationToken)
    {
        if (options.RecordUnanswered is null) return;
        try
        {
            if (await options.RecordUnanswered(record, cancellationToken)) run.CountUnansweredRow();
        }
        catch (Exception e)
        {
            run.AddWarning($"request {record.Sequence}: its failed row could not be written: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>One line saying why a request got no answer, for the failed row and the log.</summary>
    internal static string Reason(Exception e, string consumerId) => e switch
    {
        ConsumerLostException or TimeoutException => $"client: {e.Message}",
        SiloUnavailableException => $"client: consumer silo lost ({consumerId}): {OneLine(e.Message)}",
        OrleansMessageRejectionException => $"client: gateway gone: {OneLine(e.Message)}",
        ArgumentException => $"client: rejected by {consumerId}: {OneLine(e.Message)}",
        _ => $"client: {e.GetType().Name}: {OneLine(e.Message)}",
    };

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}

/// <summary>A provider did not take the world a strategy's run starts from; the run cannot start.</summary>
public sealed class WorldEntryException(string message, Exception inner) : Exception(message, inner);

/// <summary>The consumer activation running a request is gone (its silo died); the request will not be answered.</summary>
public sealed class ConsumerLostException(string message) : Exception(message);
