using Auction.Grains.Interfaces.Models;

namespace Auction.Grains;

/// <summary>Bounded waits: nothing in an auction waits longer than its phase deadline.</summary>
internal static class Deadline
{
    /// <summary>Waits for the signal or the deadline, whichever comes first; true when the signal came.</summary>
    public static async Task<bool> WaitAtMost(Task signal, TimeSpan deadline)
    {
        if (signal.IsCompleted) return true;
        using var cts = new CancellationTokenSource();
        var first = await Task.WhenAny(signal, Task.Delay(deadline, cts.Token));
        cts.Cancel();
        return first == signal;
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
    /// <see cref="MissingReasons.Refused"/> when the call failed.
    /// </summary>
    public static async Task<(T? Value, string? Missing)> Answer<T>(Task<T> call, TimeSpan deadline)
    {
        try
        {
            return await WaitAtMost(call, deadline) ? (await call, null) : (default, MissingReasons.Late);
        }
        catch (Exception)
        {
            return (default, MissingReasons.Refused);
        }
    }
}
