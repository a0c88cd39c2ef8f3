using Auction.Grains.Resilience;

namespace Auction.Tests.Support;

/// <summary>
/// The tests' bounded wait, on the product's <see cref="WaitUntil"/>: polls a condition until it holds and fails,
/// naming what it waited for, when the timeout passes. Tests wait on observable events this way instead of sleeping.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        if (!await WaitUntil.TrueAsync(async _ => await condition(), Poll, timeout))
            throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}");
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);
}
