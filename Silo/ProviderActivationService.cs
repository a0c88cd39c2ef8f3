using Auction.Grains.Interfaces;
using Auction.Silo.Configuration;

namespace Auction.Silo;

/// <summary>
/// Once the silo runs, activates the provider grains it owns, so that they register and start beaconing
/// without waiting for a first auction.
/// </summary>
public sealed class ProviderActivationService(SiloPlan plan, IGrainFactory grains, ILogger<ProviderActivationService> logger) : IHostedService
{
    private static readonly TimeSpan ActivationTimeout = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in plan.Providers)
        {
            var info = await grains.GetGrain<IProviderGrain>(provider.Id).Start().WaitAsync(ActivationTimeout, cancellationToken);
            logger.LogInformation("Provider {Provider} is active (faulty: {Faulty})", info.Id, info.Faulty);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
