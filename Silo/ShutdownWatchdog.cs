using System.Diagnostics;

namespace Auction.Silo;

/// <summary>
/// Bounds a silo's stop: once the host begins to stop (SIGTERM, Ctrl-C), the process is gone within
/// <see cref="Limit"/> even if a step hangs — Orleans updating a membership table in a PostgreSQL that went away, say.
/// The host's own shutdown timeout is shorter, so this only fires when a step ignores it; then the process kills
/// itself. Nothing is lost by that: finished transactions are in the outbox, children die with the process.
/// </summary>
public sealed class ShutdownWatchdog(IHostApplicationLifetime lifetime, ILogger<ShutdownWatchdog> logger) : IHostedService
{
    /// <summary>The longest a silo takes from the stop signal to its exit.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>What the host itself gives its services to stop, leaving the rest of <see cref="Limit"/> to the runtime.</summary>
    public static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(15);

    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            _timer = new Timer(_ =>
            {
                logger.LogCritical("The silo did not stop within {Limit} s of the stop signal; exiting now", Limit.TotalSeconds);
                Console.Error.WriteLine($"silo: did not stop within {Limit.TotalSeconds:0} s of the stop signal; exiting now");
                Process.GetCurrentProcess().Kill();
            }, null, Limit - TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
