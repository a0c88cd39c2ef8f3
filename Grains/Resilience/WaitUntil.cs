using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Auction.Grains.Resilience;

/// <summary>
/// The one bounded wait-until: polls a condition on a resilience pipeline (a constant-delay retry on a false result
/// inside a timeout over the whole wait), timed by a <see cref="TimeProvider"/> so that tests can drive it.
/// </summary>
public static class WaitUntil
{
    // Polly's timeout strategy refuses anything shorter; a shorter wait still checks the condition once.
    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Checks <paramref name="condition"/> every <paramref name="interval"/> until it holds (true) or
    /// <paramref name="timeout"/> passes (false). The condition gets a token cancelled at the timeout; an exception it
    /// throws ends the wait and reaches the caller, so a condition that should outlast failures catches them itself.
    /// </summary>
    public static async Task<bool> TrueAsync(
        Func<CancellationToken, ValueTask<bool>> condition, TimeSpan interval, TimeSpan timeout,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time ?? TimeProvider.System }
            .AddTimeout(timeout < ShortestTimeout ? ShortestTimeout : timeout)
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome is { Exception: null, Result: false }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = interval,
                UseJitter = false,
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(condition, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary><see cref="TrueAsync(Func{CancellationToken, ValueTask{bool}}, TimeSpan, TimeSpan, TimeProvider?, CancellationToken)"/> for a condition that needs no I/O.</summary>
    public static Task<bool> TrueAsync(
        Func<bool> condition, TimeSpan interval, TimeSpan timeout,
        TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        TrueAsync(_ => ValueTask.FromResult(condition()), interval, timeout, time, cancellationToken);
}
