using Auction.Grains.Persistence;

namespace Auction.Client.Experiments;

/// <summary>
/// Touches the running experiment's row every <see cref="ExperimentStore.HeartbeatInterval"/> while the client
/// lives, so that an experiment whose client died reads as abandoned. A missed heartbeat (PostgreSQL away) is let
/// pass: the next one may succeed, and the experiment reads as abandoned only after several in a row.
/// </summary>
public sealed class ExperimentHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public ExperimentHeartbeat(ExperimentStore store, Guid experimentId, TimeSpan? interval = null)
    {
        var every = interval ?? ExperimentStore.HeartbeatInterval;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    bounded.CancelAfter(every);
                    await store.HeartbeatAsync(experimentId, bounded.Token).ConfigureAwait(false);
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // Missed; PostgreSQL may be back for the next one.
                }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
    }
}
