using Auction.Grains.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;

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
    /// <summary>After an interrupt: the longest the runner waits for the auctions still running.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Request <paramref name="sequence"/> goes to consumer-(sequence mod K): the same consumer for every strategy.</summary>
    public string ConsumerFor(int sequence) => $"consumer-{sequence % Consumers}";
}

/// <summary>
/// Fires one strategy's planned request sequence at the consumer grains: request i is due
/// Σ_{k=1..i} interval_k × time scale after the first (the first fires at once; its drawn interval is not waited),
/// at most <see cref="RunnerOptions.Concurrency"/> requests are in flight (a due request waits for a free slot), and
/// each carries the experiment id and its sequence number. Stopping (an interrupt) fires nothing more and waits,
/// bounded, for the requests in flight.
/// </summary>
public sealed class ExperimentRunner(IGrainFactory grains, RunnerOptions options, IRunProgress progress, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<StrategyRun> RunAsync(
        string strategy, IReadOnlyList<PlannedRequest> plan, CancellationToken stopFiring, CancellationToken stopWaiting)
    {
        var run = new StrategyRun(strategy, plan.Count);
        progress.StrategyStarted(run);
        // Not disposed: a request abandoned after an interrupt still releases its slot when it ends.
        var slots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        var inFlight = new List<Task>();
        var start = _time.GetTimestamp();
        var due = TimeSpan.Zero;
        try
        {
            foreach (var planned in plan)
            {
                if (planned.Sequence > 0) due += planned.Interval * options.TimeScale;
                var wait = due - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stopFiring);
                await slots.WaitAsync(stopFiring);
                if (stopFiring.IsCancellationRequested)
                {
                    slots.Release();
                    break;
                }

                run.Fired++;
                progress.Fired(run, planned.Sequence);
                inFlight.Add(FireAsync(run, strategy, planned, slots));
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
            }
        }
        else
        {
            await all;
        }

        progress.StrategyEnded(run);
        return run;
    }

    private async Task FireAsync(StrategyRun run, string strategy, PlannedRequest planned, SemaphoreSlim slots)
    {
        try
        {
            var request = new PurchaseRequest
            {
                ExperimentId = options.ExperimentId,
                Sequence = planned.Sequence,
                Strategy = strategy,
                Qos = planned.Qos,
                Providers = options.Providers,
                Parameters = options.Parameters,
            };
            var consumer = grains.GetGrain<IConsumerGrain>(options.ConsumerFor(planned.Sequence));
            var record = await consumer.Purchase(request);
            run.Add(record);
            progress.Finished(run, record);
        }
        catch (Exception e)
        {
            var error = $"request {planned.Sequence}: {e.GetType().Name}: {e.Message}";
            run.AddError(error);
            progress.Errored(run, planned.Sequence, error);
        }
        finally
        {
            slots.Release();
        }
    }
}
