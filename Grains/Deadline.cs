using Auction.Grains.Interfaces.Models;

namespace Auction.Grains;

/// <summary>Bounded waits: nothing in an auction waits longer than its phase deadline (<see cref="PhaseWait"/>).</summary>
internal static class Deadline
{
    /// <summary>Waits for the signal or the deadline, whichever comes first; true when the signal came.</summary>
    /// <remarks>
    /// One timer and nothing thrown on either outcome: an auction waits like this twice per provider. The wait
    /// resumes on the caller's scheduler (a grain's), as a plain await does.
    /// </remarks>
    public static async Task<bool> WaitAtMost(Task signal, TimeSpan deadline)
    {
        if (signal.IsCompleted) return true;
        var waited = signal.WaitAsync(deadline);
        await waited.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        // Read, so that the TimeoutException of a passed deadline (or the signal's own fault) is not reported as unobserved.
        if (waited.IsFaulted) _ = waited.Exception;
        return signal.IsCompleted;
    }

    /// <summary>
    /// Every call's result, or why there is none, waiting at most <paramref name="deadline"/> for all of them together
    /// (one timer, not one per call): <see cref="MissingReasons.Late"/> for a call still running then,
    /// <see cref="MissingReasons.Refused"/> for one that failed (<see cref="MissingReasons.Down"/>: its link is down).
    /// </summary>
    public static async Task<(T? Value, string? Missing)[]> Answers<T>(IReadOnlyList<Task<T>> calls, TimeSpan deadline)
    {
        var all = Task.WhenAll(calls);
        await WaitAtMost(all, deadline);
        if (all.IsFaulted) _ = all.Exception;
        var answers = new (T? Value, string? Missing)[calls.Count];
        for (int i = 0; i < answers.Length; i++)
        {
            var call = calls[i];
            answers[i] = call.Status switch
            {
                TaskStatus.RanToCompletion => (call.Result, null),
                TaskStatus.Faulted or TaskStatus.Canceled => (default, Observed(call)),
                _ => (default, MissingReasons.Late),
            };
        }
        return answers;
    }

    // Reading the exception marks it observed: a refused call is recorded, not reported again as unobserved.
    private static string Observed(Task call) => ReasonOf(call.Exception?.InnerException);

    /// <summary>Why a failed call leaves its provider missing: <see cref="MissingReasons.Down"/> when its link is down, else <see cref="MissingReasons.Refused"/>.</summary>
    private static string ReasonOf(Exception? failure) => failure is ProviderLinkDownException ? MissingReasons.Down : MissingReasons.Refused;

    /// <summary>A call nobody awaits: should it fail, its exception is read, not reported as unobserved.</summary>
    public static void Observe(Task call)
    {
        if (call.IsCompleted)
        {
            _ = call.Exception;
            return;
        }
        call.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The call's result, or default when it failed or missed the deadline (the caller records it as missing).</summary>
    public static async Task<T?> ResultOrDefault<T>(Task<T> call, TimeSpan deadline)
    {
        try
        {
            return await WaitAtMost(call, deadline) ? await call : default;
        }
        catch (Exception)
        {
            return default;
        }
    }

    /// <summary>
    /// The call's result, or why there is none: <see cref="MissingReasons.Late"/> when the deadline passed first,
    /// <see cref="MissingReasons.Refused"/> when the call failed (<see cref="MissingReasons.Down"/>: its link is down).
    /// </summary>
    public static async Task<(T? Value, string? Missing)> Answer<T>(Task<T> call, TimeSpan deadline)
    {
        try
        {
            return await WaitAtMost(call, deadline) ? (await call, null) : (default, MissingReasons.Late);
        }
        catch (Exception e)
        {
            return (default, ReasonOf(e));
        }
    }
}
