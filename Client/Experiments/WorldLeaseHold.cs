using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;

namespace Auction.Client.Experiments;

/// <summary>
/// An experiment's hold on the world in force in a running cluster (<see cref="IWorldLeaseGrain"/>): acquired before
/// anything is sent, renewed every <see cref="ExperimentStore.HeartbeatInterval"/> while the client lives, released
/// when the experiment ends. A renewal that fails is let pass, as a missed heartbeat is: the hold lapses only after several.
/// </summary>
public sealed class WorldLeaseHold : IAsyncDisposable
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly IWorldLeaseGrain _lease;
    private readonly Guid _experimentId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    private WorldLeaseHold(IWorldLeaseGrain lease, WorldLeaseClaim claim, TimeSpan every)
    {
        _lease = lease;
        _experimentId = claim.ExperimentId;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await lease.Acquire(claim).WaitAsync(every, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // Missed; the hold lasts several renewals.
                }
            }
        });
    }

    /// <summary>
    /// Holds <paramref name="world"/> for the experiment, or throws <see cref="WorldLeaseRefusedException"/> (another
    /// experiment runs another world) with the sentence to show.
    /// </summary>
    public static async Task<WorldLeaseHold> AcquireAsync(IGrainFactory grains, ExperimentWorld world, Guid experimentId, TimeSpan? renewEvery = null)
    {
        var lease = grains.GetGrain<IWorldLeaseGrain>(IWorldLeaseGrain.DefaultKey);
        var claim = new WorldLeaseClaim(world.Name, world.Checksum, experimentId);
        if (await lease.Acquire(claim) is { } holder)
            throw new WorldLeaseRefusedException(
                $"the cluster runs world '{Cli.Excerpt.Of(holder.WorldName)}' (experiment {holder.ExperimentId}) until it ends; "
                + $"this experiment's world '{Cli.Excerpt.Of(world.Name)}' differs (checksum {Short(world.Checksum)}, in force {Short(holder.Checksum)}): run it after that one ends.");
        return new WorldLeaseHold(lease, claim, renewEvery ?? ExperimentStore.HeartbeatInterval);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(ReleaseTimeout);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }

        try
        {
            await _lease.Release(_experimentId).WaitAsync(ReleaseTimeout);
        }
        catch (Exception)
        {
            // The hold lapses by itself once it is no longer renewed.
        }
        _stop.Dispose();
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}

/// <summary>Another experiment holds another world in the cluster (exit code 3).</summary>
public sealed class WorldLeaseRefusedException(string message) : Exception(message);
