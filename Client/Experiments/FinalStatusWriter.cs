using Auction.Client.Database;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Auction.Client.Experiments;

/// <summary>How writing an experiment's final status went: written, or the last error after so many attempts.</summary>
public sealed record FinalStatusOutcome(bool Written, Exception? LastError, int Attempts);

/// <summary>
/// Writes an experiment's final status through a PostgreSQL restart: each attempt bounded by 10 s, retried on database
/// errors and timeouts after 0.5 s, 1 s, 2 s, 4 s, then every 5 s, for as long as the next pause ends within the window
/// (30 s by default).
/// </summary>
public static class FinalStatusWriter
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public static async Task<FinalStatusOutcome> WriteAsync(
        Func<CancellationToken, Task> finish, TimeSpan? window = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var deadline = time.GetUtcNow() + (window ?? DefaultWindow);
        var attempts = 1;
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && Retryable(e)
                    && time.GetUtcNow() + Pause(args.AttemptNumber) <= deadline),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(Pause(args.AttemptNumber)),
                OnRetry = _ =>
                {
                    attempts++;
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(AttemptTimeout)
            .Build();
        try
        {
            await retry.ExecuteAsync(static async (finish, ct) => await finish(ct), finish);
            return new FinalStatusOutcome(true, null, attempts);
        }
        catch (Exception e) when (Retryable(e))
        {
            return new FinalStatusOutcome(false, e, attempts);
        }
    }

    /// <summary>The pause before retry number <paramref name="retry"/> (0-based): 0.5 s doubling, at most 5 s.</summary>
    public static TimeSpan Pause(int retry) => TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, Math.Min(retry, 4)), 5000));

    private static bool Retryable(Exception e) =>
        DatabaseErrors.IsDatabaseError(e) || e is OperationCanceledException or TimeoutRejectedException;
}
