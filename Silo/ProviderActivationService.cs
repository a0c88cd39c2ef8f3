using Auction.Grains.Interfaces;
using Auction.Silo.Configuration;

namespace Auction.Silo;

/// <summary>
/// Once the silo runs, activates the provider grains it owns, so that they register and start beaconing
/// without waiting for a first auction.
/// </summary>
public sealed class ProviderActivationService(SiloPlan plan, IGrainFactory grains, ILogger<ProviderActivationService> logger) : IHostedService
{
    // A provider silo may come up before the consumer silo that hosts the registry: keep trying this long.
    private static readonly TimeSpan ActivationDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ActivationDeadline;
        foreach (var provider in plan.Providers)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    var info = await grains.GetGrain<IProviderGrain>(provider.Id).Start().WaitAsync(CallTimeout, cancellationToken);
                    logger.LogInformation("Provider {Provider} is active (faulty: {Faulty})", info.Id, info.Faulty);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException && DateTime.UtcNow < deadline)
                {
                    logger.LogWarning("Provider {Provider} not active yet (attempt {Attempt}): {Error}", provider.Id, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
