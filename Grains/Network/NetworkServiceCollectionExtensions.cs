using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Grains.Network;

/// <summary>Registration helpers for the silo host.</summary>
public static class NetworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers a provider's iperf3 servers as a hosted service: started with the host, stopped (every server killed)
    /// by the host's shutdown, which the generic host also runs on SIGTERM / Ctrl+C.
    /// </summary>
    public static IServiceCollection AddIperf3ServerPool(this IServiceCollection services, Iperf3ServerPoolOptions options)
    {
        services.AddSingleton(sp => new Iperf3ServerPool(options, sp.GetService<ILogger<Iperf3ServerPool>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<Iperf3ServerPool>());
        return services;
    }
}
